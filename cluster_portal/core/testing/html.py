"""Test helpers comparing HTML printed two ways (the portal's printers and the libraries' templates)."""

import re


def squeezed(html: str) -> str:
    """Without the white space between tags."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html).replace(" >", ">")
