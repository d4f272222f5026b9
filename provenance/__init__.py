"""provenance: who said what, through which channel and which chain of intermediaries."""

from provenance.api import extract, extract_document
from provenance.errors import InputError, ModelError, ProvenanceError, RulesError, StoreError
from provenance.models import Attribution, Document, Hop, Span
from provenance.rules import Rules, load_rules
from provenance.store import Store

__all__ = [
    "Attribution",
    "Document",
    "Hop",
    "InputError",
    "ModelError",
    "ProvenanceError",
    "Rules",
    "RulesError",
    "Span",
    "Store",
    "StoreError",
    "extract",
    "extract_document",
    "load_rules",
]
__version__ = "0.1.0"
