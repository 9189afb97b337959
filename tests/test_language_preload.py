"""Loading lingua's models up front, before the local engine forks its workers, changes no answer.

``preload_models`` loads the Latin-script languages' models on all cores; processes forked
afterwards (the extraction workers) read them instead of loading their own. Each check runs
in a fresh interpreter, so that no model is loaded beforehand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "multilingual" / "articles"

IDENTIFY = """
import json, sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from quotediff.language import identify, preload_models

texts = [path.read_text(encoding="utf-8")[:400] for path in sorted(Path(sys.argv[1]).iterdir())]
texts += [t[:60] for t in texts]  # short texts: lingua's every n-gram model
if sys.argv[2] == "preload":
    preload_models(texts)
if sys.argv[3] == "forked":
    with ProcessPoolExecutor(2, mp_context=get_context("fork")) as pool:
        answers = list(pool.map(identify, texts, timeout=120))
else:
    answers = [identify(text) for text in texts]
print(json.dumps(answers))
"""


def _answers(preload: str, where: str) -> list[str | None]:
    run = subprocess.run([sys.executable, "-c", IDENTIFY, str(ARTICLES), preload, where], capture_output=True, text=True, timeout=300, check=True)
    return json.loads(run.stdout)


def test_preloaded_models_give_the_answers_lazily_loaded_ones_give_here_and_in_forked_workers():
    lazily = _answers("lazy", "here")
    assert "en" in lazily and len(set(lazily)) > 3  # Latin-script languages and others
    assert _answers("preload", "here") == lazily
    assert _answers("preload", "forked") == lazily
