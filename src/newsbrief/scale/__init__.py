"""Scale: every core of one machine (``parallel``), and many machines with Spark (``spark``, optional extra).

``newsbrief.scale`` imports without pyspark; only ``newsbrief.scale.spark`` needs it.
"""

from __future__ import annotations

from newsbrief.scale.parallel import ParallelPipeline, default_workers, run_parallel

__all__ = ["ParallelPipeline", "default_workers", "run_parallel"]
