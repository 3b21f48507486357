"""agingpolicy: Chinese policy documents on aging and elderly care as validated, queryable JSON.

    >>> import agingpolicy
    >>> doc = agingpolicy.parse_file("data/raw/003_dabcbaf02ab27736.txt")
    >>> doc.title, len(doc.tasks)
"""

from .models import Document
from .pipeline import PARSER_VERSION, parse_bytes, parse_file, parse_text

__version__ = PARSER_VERSION
__all__ = ["Document", "__version__", "parse_bytes", "parse_file", "parse_text"]
