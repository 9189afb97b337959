"""WordNet, read offline from the system database (Debian's wordnet-base), as word relations with evidence."""

from quotediff.lexicon._setup import WordNetMissingError, wordnet
from quotediff.lexicon.relations import base_forms, is_proper_name, is_unit, kinship, opposition, usage_count

__all__ = ["WordNetMissingError", "base_forms", "is_proper_name", "is_unit", "kinship", "opposition", "usage_count", "wordnet"]
