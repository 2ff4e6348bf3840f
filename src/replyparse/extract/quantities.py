"""TEMPORARY stub, replaced by the money branch."""
from replyparse.model import Quantity


def find_quantities(text: str) -> list[Quantity]:
    return []
