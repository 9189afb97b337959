"""Scale benchmark: ``compare`` end to end on generated corpora, per size and engine.

    python bench/scale.py --sizes 1000,5000 --engines local,dask
    nohup python bench/scale.py --sizes 1000,5000,50000 > bench/out/scale.txt 2>&1 &

Each size is a corpus of that many articles (bench/_corpus.py: two quotes per article, 30%
of them renderings of statements planted across articles as verbatim copies, typography
edits, MRPC paraphrases and excerpts), written as 8 JSONL files and read back by ingest.

Printed per size: the embedding floor (the distinct unit texts of the same quotes through
the same model, in the same run, nothing else), the recall of the approximate neighbour
index against exact search on a sample of rows; and per engine: wall time and its ratio
to the floor, peak memory of the whole process tree (workers included), articles/s,
candidate pairs scored against n²/2, recall of the planted cross-article pairs, pairwise
precision and F1 of the planted clusters, seconds per stage, and whether the JSON report
is byte-identical to the first engine's.

2026-11-24, seventh session, machine quiet. The cross-encoder reads the uncertain pairs in batches
of pairs of one length in tokens, a stage of its own after the screening (quotediff.engine.clustering
.reading_tasks: 4,000 bench pairs 3.9 ms each in batches of up to 8, 6.3 alone), and the Dask workers
the engine starts get one malloc arena. ``--sizes 50000``, then ``--sizes 1000,5000``, final code (the
stage was named "reading" in these runs, the name of ingest's progress; now "reading pairs"):

    50000 articles: floor 404.0 s; local 549.3 s (1.36x), peak 3.89 GB; dask 572.1 s (1.42x; with
             loading 1.43x), peak 6.60 GB; planted recall 0.982, F1 0.690; JSON identical
             local stages: extracting 31.6, embedding 387.6, candidates 12.9, scoring 6.2, reading pairs 41.2,
                           excerpts 31.9, excerpt scoring 5.9, grouping 7.7, aligning 10.8
             dask stages:  extracting 33.6, embedding 406.6, candidates 12.5, scoring 6.5, reading pairs 42.3,
                           excerpts 32.5, excerpt scoring 6.1, grouping 8.4, aligning 15.6
             (pair scoring was 72.3 local, 75.9 on Dask: the features and the readings one pair at a time)
    1000 articles: floor 7.6 s; local 10.5 s (1.39x; with loading 1.63x); dask 10.8 s (1.43x; 2.50x)
    5000 articles: floor 38.6 s; local 54.3 s (1.41x), peak 2.06 GB; dask 56.7 s (1.47x; with loading
             1.68x), peak 4.03 GB
             dask stages: extracting 3.7, embedding 38.6, candidates 1.2, scoring 0.6, reading pairs 1.1,
                          excerpts 5.4, excerpt scoring 0.9, grouping 1.1, aligning 3.3
    time(50k)/time(5k): 549.3/54.3 = 10.1 locally, 572.1/56.7 = 10.1 on Dask.
    ``--sizes 5000`` again after a review of the code (same reports): floor 38.9 s; local 57.1 s (1.47x;
             extracting 4.3 s against 3.1), dask 56.9 s (1.46x), peak 3.91 GB
    Aligning at 50k on Dask in 64 groups a task instead of 16 (cached embeddings): 12.1 s against
    13.3-14.0; not changed (the tail of small corpora).

2026-11-24, sixth session, machine quiet. The grouping runs on the engine by connected components of
the links (quotediff.engine.grouping); ingest reads a text only for the metadata its record lacks;
repeated text pairs are scored once; beside a LocalCluster the neighbour search runs in the client's
process; then the sentence-echo filter is no longer quadratic, the IVF index is serialized only when
shipped, and the blocking counts each n-gram once; last, the blocking runs beside the embedding on
Dask (Engine.run_beside). ``--sizes 50000`` before the last two steps, ``--sizes 50000 --engines dask``
before the last one and again on the final code; ``--sizes 5000`` and ``--sizes 1000,5000`` on the final code:

    50000 articles: floor 398.1 s; local 589.3 s (1.48x), peak 3.62 GB; dask 604.3 s (1.52x), peak 6.80 GB
             local stages: extracting 34.2, embedding 397.5, candidates 12.7, scoring 72.3, excerpts 32.4,
                           excerpt scoring 6.1, grouping 7.6, aligning 11.4
             dask stages:  extracting 34.0, embedding 403.9, candidates 13.4, scoring 74.4, excerpts 33.8,
                           excerpt scoring 6.1, grouping 8.4, aligning 13.8
    50000 articles, dask: floor 414.4 s; 619.0 s (1.49x; with loading 1.51x), peak 5.01 GB, planted recall
             0.982, F1 0.690; stages: extracting 37.7, embedding 414.9, candidates 13.8, scoring 75.1,
             excerpts 34.3, excerpt scoring 6.1, grouping 8.1, aligning 14.2
    5000 articles: floor 37.9 s; local 56.1 s (1.48x), peak 1.94 GB; dask 55.7 s (1.47x), peak 4.10 GB
             dask stages: extracting 2.9, embedding 37.9, candidates 1.2, scoring 2.5, excerpts 5.3,
                          excerpt scoring 0.9, grouping 0.7, aligning 3.7
    1000 articles: floor 7.9 s; local 10.4 s (1.31x; with loading 1.50x); dask 10.4 s (1.31x; 2.08x)
    5000 articles: floor 38.8 s; local 54.3 s (1.40x); dask 56.0 s (1.44x; with loading 1.61x)
    50000 articles, dask, final code: floor 405.8 s; 612.6 s (1.51x; with loading 1.53x), peak 5.23 GB;
             stages: extracting 30.4, embedding 421.7, candidates 13.8, scoring 75.9, excerpts 33.7,
             excerpt scoring 6.1, grouping 8.2, aligning 14.5
    time(50k)/time(5k): 589.3/56.1 = 10.5 locally, 619.0/55.7 = 11.1 and 612.6/56.0 = 10.9 on Dask. The floor moved 37.2-40.8 s
    between the day's 5k runs and 398-414 s between its 50k runs: a run's ratio is good to a few hundredths.

2026-11-24, fifth session, machine quiet. A worker freezes what each task leaves alive out of the
garbage collections (quotediff.engine.call_in_worker: the lexicon's caches grew through alignment and
were walked by 7 full collections a process at 5k), and the LocalCluster's event-loop timers wake
every 1-2 s. ``--sizes 5000`` before the freezing, then after it (twice), ``--sizes 1000``, and
``--sizes 50000 --engines dask`` before the freezing and after it:

    5000 articles, before: floor 40.2 s; local 57.0 s (1.42x), dask 60.9 s (1.52x)
             dask stages: extracting 3.3, embedding 39.0, candidates 1.9, scoring 2.9, excerpts 5.7,
                          excerpt scoring 0.9, aligning 5.1 (local 3.8)
    5000 articles, after:  floor 37.1 s; local 56.4 s (1.52x), peak 2.06 GB; dask 58.6 s (1.58x), peak 4.26 GB
             local stages: extracting 2.9, embedding 38.1, candidates 1.3, scoring 2.9, excerpts 5.4,
                           excerpt scoring 1.0, aligning 2.7
             dask stages:  extracting 3.2, embedding 38.8, candidates 1.7, scoring 2.9, excerpts 5.5,
                           excerpt scoring 0.8, aligning 3.7
    1000 articles: floor 7.6 s; local 10.2 s (1.35x; with loading 1.56x); dask 11.2 s (1.47x; 2.28x)
    50000 articles: floor 415.9 s; dask 654.1 s (1.57x; with loading 1.59x), peak 5.56 GB, planted
             recall 0.982, F1 0.690; stages: extracting 39.9, embedding 420.7, candidates 17.0,
             scoring 82.3 (the cross-encoder's readings; 7.0 before it), excerpts 34.0, excerpt
             scoring 6.8, aligning 19.9
    50000 articles, after: floor 394.7 s; dask 623.0 s (1.58x; with loading 1.60x), peak 5.12 GB;
             stages: extracting 34.8, embedding 414.5, candidates 18.3, scoring 73.5, excerpts 32.5,
             excerpt scoring 5.8, aligning 13.8; time(50k)/time(5k) on Dask = 623.0/58.6 = 10.6
    A third 5k run after the freezing: floor 37.5 s; local 57.0 s (1.52x), dask 58.8 s (1.57x).
    The two 5k runs: the floor moved by 3.1 s between them, the engines' embedding by 1.4 s; the ratio
    at 5k is within a few hundredths of 1.5 either way locally and above it on Dask. Over a whole 5k
    run Dask used ~118 CPU-seconds against ~110 locally (timed per stage: embedding +4, alignment +1.8,
    candidates +1.5).

2026-11-24, fourth session, machine quiet. The cross-encoder now reads the candidate pairs whose
features leave them uncertain (quotediff.cluster.settle), in bfloat16 on one thread per process,
and a pair the features or its excerpt window already join is not looked at further.
``python bench/scale.py --sizes 5000``:

    5000 articles: floor 37.2 s; local 55.6 s (1.49x; with loading 1.53x), peak 1.98 GB;
             dask 58.2 s (1.56x; with loading 1.75x), peak 3.98 GB; planted recall 0.966, F1 0.713 (was 0.705)
             local stages: extracting 3.9, embedding 36.1, candidates 1.2, scoring 2.6, excerpts 5.3,
                           excerpt scoring 1.0, aligning 3.5 (1,870 windows, was 2,357)
             dask stages:  extracting 2.7, embedding 38.0, candidates 1.7, scoring 3.0, excerpts 5.5,
                           excerpt scoring 0.8, aligning 4.5
    The same with the cross-encoder in float32 (12.5 ms a pair, not 5.7): local 58.5 s (1.60x), dask
    63.7 s (1.74x); and in float32 reading every excerpt-shaped pair too: local 62.5 s (1.75x).
    ``--sizes 1000``: floor 7.6 s; local 10.3 s (1.35x; with loading 1.57x); dask 11.4 s (1.50x; 2.52x)
    ``--sizes 50000 --engines local``: floor 405.8 s; local 582.7 s (1.44x), peak 3.84 GB, planted recall
             0.982, F1 0.690; stages: extracting 33.4, embedding 386.5, candidates 12.5, scoring 71.6,
             excerpts 31.7, excerpt scoring 5.7, aligning 13.7; time(50k)/time(5k) = 582.7/55.6 = 10.5

2026-11-24, third session, machine quiet. Dask's partitions travel pickled once, as bytes (the
scheduler, in the client's process, unpickled and pickled each again), its workers freeze what
prepare loaded out of their garbage collections, kinship skips word pairs whose WordNet reaches
are disjoint, and reading guesses languages in C loops. ``python bench/scale.py --sizes 1000,5000``:

    1000 articles: floor 7.9 s; local 10.2 s (1.29x; with loading 1.49x); dask 10.9 s (1.37x; with loading 2.26x)
    5000 articles: floor 38.0 s; local 54.7 s (1.44x), peak 1.80 GB; dask 60.5 s (1.59x), peak 3.77 GB
             local stages: extracting 3.0, embedding 36.6, candidates 1.2, scoring 0.7, excerpts 7.2, aligning 3.8
             dask stages:  extracting 3.5, embedding 39.9, candidates 1.6, scoring 0.7, excerpts 7.5, aligning 4.7
    A Dask-only run (--engines dask) after the pickling change alone: 59.6 s = 1.55x of a 38.4 s floor
    (extracting 3.7, embedding 38.5, aligning 4.7; before it, 1.65-1.77x: extracting 5.8, aligning 7.6).
    ``--sizes 50000 --engines dask`` (Dask alone; torch ran faster than in the runs below, 240 texts/s):
    50000 articles: floor 407.6 s; dask 561.7 s (1.38x; with loading 1.40x), peak 5.02 GB, 89.0 articles/s,
             planted recall 0.983; stages: extracting 39.5, embedding 409.1, candidates 19.0, scoring 7.0,
             excerpts 38.3, aligning 22.3 (the run below: 53.3 extracting, 35.5 aligning)
    time(50k)/time(5k) on Dask: 561.7/60.5 = 9.3

2026-11-24, second session, machine quiet. Every engine now starts with its models loaded, as the
floor does (Engine.prepare, timed apart: ~1.5 s here, 7-8 s for Dask's workers, which start empty);
Dask keeps two partitions in flight per worker instead of scattering them all ahead (the worker
done first idled), and wraps each task's arguments (it walked the 107,000 shared texts on every
screening task). ``python bench/scale.py --sizes 1000,5000`` (runs of the same code) and
``--sizes 50000`` (local, then Dask in a run of its own after the wrapping):

    1000 articles: floor 8.2-8.7 s; local 10.8-11.7 s (1.32-1.40x; with loading 1.49-1.59x);
                   dask 12.9-13.3 s (1.49-1.60x; with loading 2.3-2.6x)
    5000 articles: floor 39.8-41.2 s; local 60.6-61.0 s (1.50-1.53x); dask 68.5-72.8 s (1.69-1.77x)
             local stages: extracting 3.0-3.9, embedding 40.0-40.5, candidates 1.3, scoring 0.8, excerpts 8.0-8.1, aligning 4.3-4.4
             dask stages:  extracting 4.3-5.2, embedding 42.8-45.5, candidates 1.8-2.4, scoring 0.8 (1.9-2.2 before
                           the wrapping), excerpts 8.1-8.9, aligning 5.2-7.2
    50000 articles, 107,020 units: ANN recall@20 0.934; candidate recall 0.988; planted recall 0.983
      local  581.6 s (1.26x of a 460.2 s floor), peak 3.33 GB, 86.0 articles/s, JSON identical
             stages: extracting 33.1, embedding 434.9, candidates 14.3, scoring 7.1, excerpts 40.8, aligning 23.3
      dask   678.9 s (1.48x of 460.2 s) before the wrapping, peak 6.98 GB, JSON identical
             stages: extracting 44.8, embedding 466.6, candidates 22.7, scoring 32.4, excerpts 43.7, aligning 33.9
      dask   637.2 s (1.45x of its run's 440.7 s floor; with loading 1.46x), peak 5.44 GB, 78.5 articles/s
             stages: extracting 44.4, embedding 460.2, candidates 20.5, scoring 7.7, excerpts 42.4, aligning 31.0
      dask   657.4 s (1.38x of its run's 474.7 s floor, 206 texts/s; with loading 1.40x), peak 5.28 GB, after
             the workers' stack sampler was turned off; stages: extracting 53.3, embedding 460.8, candidates 21.7,
             scoring 8.2, excerpts 44.1, aligning 35.5. The same change at 1000/5000 articles: dask 13.3 s (1.51x),
             69.4 s (1.65x), embedding 8.9 and 43.4 s against floors of 8.8 and 42.1 s
    time(50k)/time(5k): local 581.6/61.0 = 9.5, dask 657.4/69.4 = 9.5

Earlier that day, models loaded inside the timing (the machine's torch slower than in the morning):
``python bench/scale.py --sizes 1000,5000`` then ``--sizes 50000`` (both engines):

    1000 articles: floor 9.1 s (216 texts/s); local 13.8 s (1.51x), peak 1.62 GB; dask 22.2 s (2.44x), 3.00 GB
    5000 articles: floor 42.3 s (231 texts/s); local 66.7 s (1.57x), peak 2.05 GB; dask 87.6 s (2.07x), 3.82 GB
             local stages: extracting 5.6, embedding 42.3, candidates 1.3, scoring 0.8, excerpts 8.5, aligning 5.4
             dask stages:  extracting 8.6, embedding 53.2, candidates 3.0, scoring 2.8, excerpts 9.5, aligning 7.1
    50000 articles, 107,020 units: floor 461.3 s (212 texts/s); ANN recall@20 0.934; candidate recall 0.988
      local  618.0 s (1.34x floor), peak 3.84 GB, 80.9 articles/s, 217,833 pairs = 3.8e-5 of n²/2, planted recall 0.983
             stages: extracting 44.5, embedding 451.7, candidates 15.2, scoring 7.7, excerpts 42.4, aligning 26.0
      dask   728.6 s (1.58x floor), peak 7.43 GB, 68.6 articles/s, JSON identical, planted recall 0.983
             stages: extracting 51.1, embedding 493.0, candidates 25.5, scoring 41.7, excerpts 46.7, aligning 32.9
    time(50k)/time(5k): local 618.0/66.7 = 9.3, dask 728.6/87.6 = 8.3

``python bench/scale.py --sizes 1000,5000 --engines local``, 2026-11-24, machine quiet, after torch
embeds in the pool's processes (one torch thread each, in the model's own batches), the pool's
children no longer walk the inherited heap in their garbage collections (gc.freeze), screening and
alignment run in smaller tasks, and the memory sampler reads every 2 s at the lowest priority
(see PeakMemory: at 0.5 s and full priority it alone cost 2.3-4.0 s at 5,000 articles). The
machine's torch was slower than earlier in the day (floors 215-231 texts/s against 240); runs
whose floor is under 220 texts/s are marked:

    1000 articles, 2099 units: floors 8.7-9.5 s; planted recall 0.981, F1 0.913 (unchanged)
      local  12.7 s (1.43x, floor 221/s), 13.0 s (1.49x, 226/s); 13.8 s (1.45x, 207/s), 13.4 s (1.46x, 215/s)
             stages: extracting 2.1 (1.2 of it lingua's preload), embedding 8.3, excerpts 0.9, aligning 1.1
      dask   20.1 s (2.31x, was 3.01-3.12x: a batch per task shares the embedding out evenly), JSON identical
    5000 articles, 10,466 units: floors 42.5-43.5 s; planted recall 0.967, F1 0.705 (unchanged)
      local  66.1 s (1.56x, 231/s), 63.6 s (1.48x, 227/s), 64.0 s (1.47x, 225/s)
             stages: extracting 4.1, embedding 41.0, candidates 1.3, scoring 0.8, excerpts 8.3, excerpt scoring 0.4, aligning 5.0
    With no memory sampler at all, same code: 1000 articles 12.4 s (1.43x of 8.7 s), 5000 articles 61.0 s
    (1.46x of 41.9 s). Reports byte-identical to the code before (seeds, 1000 and 5000 articles).

Before those changes, ``python bench/scale.py --sizes 1000,5000``, 2026-11-24, machine quiet, after lingua's models are
preloaded before the workers fork and WordNet's lemma map is cached:

    1000 articles, 2099 units: floor 8.6 s (230 texts/s); candidate recall of planted pairs 0.995
      local  13.1 s (1.53x floor), peak 1.52 GB, 1,458 pairs, planted recall 0.981, F1 0.913
             stages: extracting 1.7, embedding 8.4, candidates 0.0, scoring 0.1, excerpts 0.8, aligning 1.7
      dask   25.8 s (3.01x), peak 2.81 GB, JSON identical; stages: extracting 3.9, embedding 17.7, aligning 1.7
    5000 articles, 10,466 units: floor 40.5 s (242 texts/s); candidate recall 0.986
      local  66.5 s (1.64x floor), peak 1.94 GB, 19,091 pairs, planted recall 0.967, F1 0.705
             stages: extracting 3.6, embedding 43.6, candidates 1.4, scoring 1.2, excerpts 8.3, aligning 5.6
      dask   97.5 s (2.41x), peak 3.62 GB, JSON identical; stages: extracting 6.1, embedding 65.2, excerpts 12.4
    A second run of the same code: 1000 articles local 14.4 s (1.59x of 9.0 s), dask 3.12x;
    5000 articles local 69.4 s (1.69x of 41.2 s), dask 2.67x. Read +-5% as noise.

50,000 articles with the model, ``python bench/scale.py --sizes 5000,50000 --engines local``,
2026-11-23, machine quiet (other jobs frozen for the run; the corpus's one-off quotes past the
benchmark sentences now take fresh content words, see bench/_corpus.py):

    5000 articles, 10,466 units: floor 40.1 s (244 texts/s); candidate recall 0.986
      local  67.3 s (1.68x floor), peak 1.92 GB, 19,091 pairs = 3.5e-4 of n²/2, planted recall 0.967
             stages: extracting 6.2, embedding 41.5, candidates 1.3, scoring 1.1, excerpts 7.9, aligning 6.9
    50000 articles, 107,020 units: floor 429.5 s (228 texts/s); IVF index, ANN recall@20 0.934,
      of all pairs with cosine >= 0.8: 0.997; candidate recall of planted pairs 0.988
      local  631.8 s (1.47x floor), peak 3.31 GB (driver max RSS 4.41 GB), 79.1 articles/s,
             217,833 pairs = 3.8e-5 of n²/2, planted recall 0.983, precision 0.473, F1 0.638
             stages: extracting 47.7, embedding 457.7, candidates 14.0, scoring 8.1, excerpts 43.2, aligning 33.8
    time(50k) / time(5k) = 9.4

Figures after this session's speed-ups (WordNet counts and near-kin distances cached, lingua's
fast mode for long texts, candidate cosine floor 0.5), machine quiet, ``python bench/scale.py
--sizes 1000,5000``:

    1000 articles, 2099 units: floor 8.4 s (235 texts/s); candidate recall of planted pairs 0.995
      local  15.7 s (1.87x floor), peak 1.61 GB, 1,491 pairs = 6.8e-4 of n²/2, planted recall 0.981, F1 0.913
             stages: extracting 3.1, embedding 8.5, candidates 0.1, scoring 0.1, excerpts 0.8, aligning 2.9
      dask   27.6 s, peak 2.50 GB, JSON identical
    5000 articles, 10,466 units: floor 41.9 s (234 texts/s); candidate recall 0.986
      local  71.1 s (1.70x floor), peak 1.74 GB, 18,854 pairs = 3.4e-4 of n²/2, planted recall 0.967, F1 0.706
             stages: extracting 6.6, embedding 43.6, candidates 1.3, scoring 1.2, excerpts 8.7, aligning 7.5
      dask   100.5 s, peak 2.99 GB, JSON identical

Earlier figures, final code of the previous session, machine quiet (load < 2), ``python bench/scale.py --sizes 1000,2000``:

    1000 articles, 2096 units: floor 9.4 s (208 texts/s); candidate recall of planted pairs 0.998
      local  22.6 s (2.40x floor), peak 1.5 GB (PSS), 13,161 pairs = 6.0e-3 of n²/2, planted recall 0.969, F1 0.862
             stages: extracting 4.4, embedding 9.5, candidates 0.1, scoring 4.0, excerpts 0.7, aligning 3.7
      dask   30.5 s, peak 2.8 GB, same pairs and clusters, JSON identical
    2000 articles, 4189 units: floor 17.2 s (228 texts/s); candidate recall 0.988
      local  30.6 s (1.78x floor), peak 1.7 GB, 39,393 pairs = 4.5e-3 of n²/2, planted recall 0.952, F1 0.733
             stages: extracting 2.0, embedding 17.4, candidates 0.4, scoring 2.7, excerpts 1.6, aligning 5.5
      dask   53.3 s, peak 2.9 GB (each worker loads the model: embedding 31.2 s), JSON identical
    Fixed costs (lingua and WordNet loading in each process) weigh at these sizes; the ratio to the
    floor falls as the corpus grows (2.40x, 1.78x, then 1.52x at 5000 articles below).

Earlier figures, 2026-11-23, 2 cores shared with other jobs (load average 5-13: the model embedded
13-29 texts/s instead of ~250, and the floor and the runs saw different loads, so read the
ratios with that noise in mind). ``python bench/scale.py --sizes 1000,5000``:

    1000 articles, 2096 units: floor 146 s; candidate recall of planted pairs 0.998
      local  104 s, peak 2.9 GB (RSS sum), 13,161 pairs = 6.0e-3 of n²/2, planted recall 0.969, F1 0.862
      dask    59 s, peak 3.4 GB, same pairs, same clusters, JSON identical to local
    5000 articles, 10,491 units: floor 467 s; candidate recall 0.990
      local  711 s (1.52x floor; the run's own embedding stage took 535 s: everything but
             embedding was 175 s = 0.37x floor), peak 3.3 GB, 134,704 pairs = 2.4e-3 of n²/2,
             planted recall 0.949, precision 0.413, F1 0.576 (precision: PAWS-Wiki holds dozens of
             templated sentences, "The X River is a tributary of the Y River in Romania", that
             rightly cluster)
      dask   374 s, peak 4.0 GB, same pairs, same clusters and recall; JSON differs from local in
             the provenance of 4 of 2333 clusters: the stemma breaks ties between equally likely
             sources by hash order, which differs per process (the same run in one process with
             PYTHONHASHSEED=1 and =2 differs the same way), not an engine effect

``--model-free`` (hashing vectors: the pipeline without the model), ``--sizes 5000,50000``:

    5000 articles:  268 s; candidates 17.6 s, scoring 15.6 s, alignment 84.9 s
    50000 articles, 106,140 units: IVF index; ANN recall@20 against exact search 0.759, of
      all pairs with cosine >= 0.8: 0.987; candidate recall of planted pairs 0.981 (exact at
      5000: 0.977); 2,525,273 candidate pairs = 4.5e-4 of n²/2
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Self

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import Corpus, generate

from quotediff.cluster import candidate_floor
from quotediff.cluster.ann import EXACT_LIMIT, build_index
from quotediff.cluster.features import normalise
from quotediff.cluster.units import quote_units
from quotediff.embed import MULTILINGUAL_BACKENDS
from quotediff.engine import open_engine
from quotediff.engine.clustering import candidate_pairs, embed_chunk
from quotediff.engine.local import LocalEngine
from quotediff.ingest import ingest
from quotediff.model import Member, Quote
from quotediff.pipeline import compare, extract_all, load_models
from quotediff.render import render
from quotediff.settings import Settings

OUT = Path(__file__).resolve().parent / "out"
MODEL_FREE = "hashing-bench"
RECALL_SAMPLE = 500


class PeakMemory:
    """Peak memory of this process and all its descendants, sampled every 2 s.

    Proportional set size: a page that forked workers share with this process counts once.
    Reading it makes the kernel walk every page of every process (~15 ms a process of
    1 GB), CPU and page-table locks taken from the run being timed, which the floor, timed
    without a sampler, never pays. Measured on compare (``python bench/scale.py --sizes
    1000,5000``, 2026-11-24): every 0.5 s at full priority it cost 2.3-4.0 s at 5,000 articles
    (embedding 40.4-41.0 s against 38.3 s unsampled); every 0.5 s from a thread at the lowest
    priority still 0.8-1.2 s at 1,000 and ~2.5 s at 5,000 (13.2-13.6 and 63.5-63.8 s against
    12.4 and 61.0 s with no sampler). Hence every 2 s, at the lowest priority.
    """

    period = 2.0  # seconds between samples

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)  # Linux: this thread only
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_full_info().pss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.period)


class HashingBackend:
    """--model-free: word and word-pair feature hashing into 384 dimensions, instead of the model.

    Copies and typography edits land close together and unrelated texts far apart, as with
    the model, at a thousandth of its cost: what is left to time is the rest of the pipeline.
    """

    dimension = 384

    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        vectors = np.zeros((len(sentences), self.dimension), dtype=np.float32)
        for row, sentence in enumerate(sentences):
            words = normalise(sentence).split()
            for feature in words + [a + " " + b for a, b in pairwise(words)]:
                code = zlib.crc32(feature.encode())
                vectors[row, code % self.dimension] += 1.0 if code & 1 << 20 else -1.0
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors

    def get_sentence_embedding_dimension(self) -> int:
        return self.dimension


def bench_settings(*, model_free: bool) -> Settings:
    """The run's settings (the model, or hashing vectors with ``model_free``), the model loaded outside every timing."""
    settings = Settings()
    if model_free:
        MULTILINGUAL_BACKENDS[MODEL_FREE] = lambda name: HashingBackend()
        settings = Settings(model=MODEL_FREE)
    embed_chunk(["warm up"], model=settings.model, batch_size=settings.batch_size)
    return settings


def stage_seconds(metrics: dict[str, float]) -> dict[str, float]:
    """Seconds per engine stage, from the engine's metrics."""
    return {k.removesuffix("_seconds"): v for k, v in metrics.items() if k.endswith("_seconds")}


def pairs_compared(metrics: dict[str, float]) -> str:
    """Candidate pairs scored, and their share of all n²/2 pairs of units."""
    units, compared = metrics.get("units", 0), metrics.get("pairs_compared", 0)
    return f"{compared:,.0f} = {compared / max(units * (units - 1) / 2, 1):.2e} of n²/2"


def embedding_floor(texts: list[str], settings: Settings) -> tuple[float, np.ndarray]:
    """Seconds to embed the distinct ``texts`` in the chunks compare uses, and the vectors."""
    distinct = sorted(set(texts))
    size = settings.batch_size * 8
    began = time.perf_counter()
    parts = [
        embed_chunk(distinct[b : b + size], model=settings.model, batch_size=settings.batch_size)
        for b in range(0, len(distinct), size)
    ]
    return time.perf_counter() - began, np.concatenate(parts)


def ann_recall(vectors: np.ndarray, k: int, floor: float) -> str:
    """Recall of the index compare would build, against exact search, on sampled rows."""
    index = build_index(vectors, exact_limit=0)
    rows = np.random.default_rng(0).choice(len(vectors), size=min(RECALL_SAMPLE, len(vectors)), replace=False)
    queries = vectors[rows]
    _, approximate = index.search(queries, k + 1)
    exact = queries @ vectors.T
    found = wanted = close_found = close_wanted = 0
    for n, row in enumerate(rows):
        exact[n, row] = -np.inf
        truth = {int(j) for j in np.argsort(-exact[n])[:k] if exact[n, j] >= floor}
        close = {int(j) for j in np.flatnonzero(exact[n] >= 0.8)}  # all-pairs reference: near duplicates
        got = {int(j) for j in approximate[n] if j >= 0 and j != row}
        found += len(truth & got)
        wanted += len(truth)
        close_found += len(close & got)
        close_wanted += len(close)
    return f"ANN recall@{k} {found / max(wanted, 1):.3f}, of all pairs with cosine >= 0.8: {close_found / max(close_wanted, 1):.3f} ({close_wanted})"


def gold_quote_pairs(corpus: Corpus, quotes: list[Quote]) -> set[tuple[str, str]]:
    """The planted pairs as pairs of extracted quote ids ("?..." where a rendering was not extracted)."""
    quote_of: dict[tuple[str, str], str] = {}
    by_article: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_article[quote.article].append(quote)
    for rendering in corpus.renderings:
        wanted = rendering.text.rstrip(",.")
        for quote in by_article.get(rendering.article, []):
            if quote.text.rstrip(",.") == wanted:
                quote_of[(rendering.article, rendering.text)] = quote.id
                break
    return {tuple(sorted((quote_of.get(a, "?" + a[1]), quote_of.get(b, "?" + b[1])))) for a, b in corpus.planted_pairs()}  # type: ignore[misc]


def candidate_recall(gold: set[tuple[str, str]], units: list[Member], vectors: np.ndarray, settings: Settings) -> str:
    """How many planted pairs the blocking hands to scoring at all (any unit of one with any of the other)."""
    with LocalEngine() as engine:
        pairs = candidate_pairs(units, vectors, neighbours=settings.neighbours, floor=candidate_floor(settings), engine=engine)
    compared = {tuple(sorted((units[i].quote, units[j].quote))) for i, j in pairs}
    return f"candidate recall of planted pairs {len(gold & compared) / max(len(gold), 1):.3f} ({len(pairs)} candidate pairs)"


def planted_scores(gold: set[tuple[str, str]], clusters: Iterable[Sequence[Member]]) -> tuple[float, float, float]:
    """(recall of planted pairs, pairwise precision, pairwise F1) over quotes, for clusters given by their members."""
    clusters_of: dict[str, set[int]] = defaultdict(set)
    predicted: set[tuple[str, str]] = set()
    for number, members in enumerate(clusters):
        quotes = sorted({(m.article, m.quote) for m in members})
        for article, quote in quotes:
            clusters_of[quote].add(number)
        predicted.update((a[1], b[1]) for x, a in enumerate(quotes) for b in quotes[x + 1 :] if a[0] != b[0])
    hits = sum(1 for a, b in gold if clusters_of[a] & clusters_of[b])
    recall = hits / max(len(gold), 1)
    precision = len(predicted & gold) / max(len(predicted), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return recall, precision, f1


def run_size(articles: int, engines: list[str], workers: int | None, settings: Settings) -> None:
    corpus = generate(articles)
    folder = OUT / f"corpus-{articles}"
    paths = [str(p) for p in corpus.write_jsonl(folder)]
    quotes = extract_all(ingest(paths).articles)
    units = [u for q in quotes if q.kind != "fragment" for u in quote_units(q, min_words=settings.min_words)]
    texts = [u.text for u in units]
    floor_seconds, distinct_vectors = embedding_floor(texts, settings)
    row_of = {text: n for n, text in enumerate(sorted(set(texts)))}
    vectors = distinct_vectors[[row_of[t] for t in texts]]
    gold = gold_quote_pairs(corpus, quotes)
    print(
        f"\n== {articles} articles, {corpus.quotes} planted+single quotes, {len(texts)} units ({len(set(texts))} distinct)",
        flush=True,
    )
    print(f"embedding floor: {floor_seconds:.1f} s ({len(set(texts)) / floor_seconds:.0f} texts/s)", flush=True)
    if len(vectors) > EXACT_LIMIT:
        print(ann_recall(vectors, settings.neighbours, candidate_floor(settings)), flush=True)
    print(candidate_recall(gold, units, vectors, settings), flush=True)
    first_json = None
    for name in engines:
        with PeakMemory() as memory, open_engine(name, workers=workers) as engine:
            # Every engine starts with the models loaded, as the floor does: here for the local
            # engine (its pool forks from here), in each worker for Dask, a cost paid once per
            # process (once per cluster on a standing one), printed apart.
            began = time.perf_counter()
            engine.prepare(partial(load_models, settings.model), wait=True)
            loading = time.perf_counter() - began
            began = time.perf_counter()
            report = compare(paths, settings=settings, engine=engine)
            seconds = time.perf_counter() - began
        text = render(report, "json")
        first_json = first_json or text
        recall, precision, f1 = planted_scores(gold, (c.members for c in report.clusters))
        print(
            f"{name:>5}: {seconds:.1f} s ({seconds / floor_seconds:.2f}x floor; models loaded before, in {loading:.1f} s: "
            f"{(seconds + loading) / floor_seconds:.2f}x with them), peak {memory.peak / 2**30:.2f} GB, "
            f"{articles / seconds:.1f} articles/s, pairs {pairs_compared(engine.metrics)}, "
            f"excerpt windows {engine.metrics.get('excerpt_windows', 0):.0f}, "
            f"planted recall {recall:.3f}, precision {precision:.3f}, F1 {f1:.3f}, clusters {len(report.clusters)}, "
            f"identical JSON: {text == first_json if name != engines[0] else 'first engine of the run'}",
            flush=True,
        )
        print(f"       stages (s): {', '.join(f'{stage} {t:.1f}' for stage, t in stage_seconds(engine.metrics).items())}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000,50000", help="article counts, comma-separated")
    parser.add_argument("--engines", default="local,dask", help="engines to run, comma-separated")
    parser.add_argument("--workers", type=int, default=None, help="workers per engine (default: one per core)")
    parser.add_argument("--model-free", action="store_true", help="hashing vectors instead of the model (local engine only): times the rest")
    args = parser.parse_args()
    settings = bench_settings(model_free=args.model_free)
    for size in (int(s) for s in args.sizes.split(",")):
        run_size(size, args.engines.split(","), args.workers, settings)
    print(f"\ndriver max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GB")


if __name__ == "__main__":
    main()
