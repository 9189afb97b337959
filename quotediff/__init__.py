"""quotediff: compare how news outlets quote the same statement.

    from quotediff import compare, check, diff, extract
    report = compare(["seeds/"])
    for cluster in report.clusters:
        print(cluster.verdict, [m.text for m in cluster.members])
"""

from quotediff.model import Article, CheckResult, Cluster, Comparison, DiffResult, Member, Quote, Report
from quotediff.pipeline import check, compare, compare_articles, diff, extract
from quotediff.settings import Settings

__all__ = [
    "Article",
    "CheckResult",
    "Cluster",
    "Comparison",
    "DiffResult",
    "Member",
    "Quote",
    "Report",
    "Settings",
    "check",
    "compare",
    "compare_articles",
    "diff",
    "extract",
]
