"""TEMPORARY stub, replaced by the money branch."""
from replyparse.model import Money


def find_money(text: str) -> list[Money]:
    return []
