"""PLOVER event coding: who did what to whom, with intensity, from each sentence and quotation.

``extract_events`` is the pipeline's stage 5. Parts: ``cues`` (the rule lexicon), ``classifier`` (the learned
event-type model, trained by ``train``), ``actors`` and ``gazetteer`` (actor resolution), ``mentions`` (the
actors named in an article), ``intensity`` (the -10..+10 scale), ``coder`` (puts them together).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsbrief.model import Article, Entity, Event, Quote, Speaker


def extract_events(
    article: Article, doc: Any, quotes: Sequence[Quote], speakers: Sequence[Speaker], entities: Sequence[Entity]
) -> tuple[Event, ...]:
    """The PLOVER events of one parsed article, in text order; each carries the sentence it came from."""
    from newsbrief.events.coder import code_events

    return code_events(article, doc, quotes, speakers, entities)
