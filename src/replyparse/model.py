"""Result types: frozen, slotted dataclasses with exact spans and ``Decimal`` numbers.

Every mention carries ``text`` and a half-open ``span`` into the exact input ``str``, so
``letter.text[m.span[0]:m.span[1]] == m.text`` always holds.  ``to_dict()`` gives the output
contract documented in ``docs/schema.md``: decimals become strings, tuples become lists.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from replyparse.summary import OrganSummary

SCHEMA = "replyparse/2"
"""Version of the output contract; 2 added commitments, achievements and declined items."""

Span = tuple[int, int]
Stance = Literal["achievement", "commitment", "other"]

_HIDDEN = {"hidden": True}  # field metadata: kept in Python, left out of to_dict()


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: Any) -> Any:
    """JSON-ready copy of ``value``; exact types first (most values of a letter are str,
    int, None, tuples and our dataclasses), then the general rules in ``_jsonable_any``."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [_jsonable(v) for v in value]
    convert = _CONVERTERS.get(kind)
    if convert is not None:
        return convert(value)
    if kind in _RESULT_CLASSES:
        return _converter(kind)(value)
    if kind is Decimal:
        return str(value)
    return _jsonable_any(value)


#: The JSON-ready form of each result class, written from its field types on first use
#: (``_converter``).
_CONVERTERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _jsonable_any(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = [f.name for f in dataclasses.fields(value) if not f.metadata.get("hidden")]
        return {name: _jsonable(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


class _ToDict:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form: ``Decimal`` as decimal strings, spans as lists."""
        kind = type(self)
        return (_CONVERTERS.get(kind) or _converter(kind))(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingInfo(_ToDict):
    """省十三届人大五次会议 → level 省, body 人大, term 13, session 5."""

    level: str | None
    body: str | None
    term: int | None
    session: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocNumber(_ToDict):
    """发文字号 辽发改函〔2021〕123号 → agency 辽发改函, year 2021, number "123"."""

    text: str
    span: Span
    agency: str
    year: int
    number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact(_ToDict):
    """One 联系人 line of the footer; fields the line does not give are ``None``."""

    text: str
    span: Span
    name: str | None = None
    phone: str | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta(_ToDict):
    """What the letter says about itself: header, salutation and signature."""

    title: str | None = None
    meeting: str | None = None
    meeting_info: MeetingInfo | None = None
    proposal_number: str | None = None
    proposal_class: str | None = None
    proposal_title: str | None = None
    proposal_kind: str | None = None
    reply_kind: str | None = None
    addressee: str | None = None
    addressee_role: str | None = None
    addressee_count: int | None = None
    author: str | None = None
    source: str | None = None
    published: str | None = None
    responder: str | None = None
    signers: tuple[str, ...] = ()
    signed: str | None = None
    doc_number: DocNumber | None = None
    category: str | None = None
    disclosure: str | None = None
    issuer: str | None = None
    index_number: str | None = None
    views: int | None = None
    contacts: tuple[Contact, ...] = ()
    cc: tuple[str, ...] = ()
    printer: str | None = None
    printed: str | None = None
    attachments: tuple[str, ...] = ()
    spans: dict[str, Span] = field(default_factory=dict)
    """Where each field above was read, by field name, for audit."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement(_ToDict):
    """One sentence of the body with its stance and the cues that decided it."""

    text: str
    span: Span
    stance: Stance
    cues: tuple[str, ...] = ()
    section: int | None = None
    subsection: int | None = None
    paragraph: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Section(_ToDict):
    """A numbered part of the body (一、 / （一） / 1. …) or an unnumbered 在……方面 part."""

    number: int
    label: str | None
    heading: str
    topic: str
    span: Span
    heading_span: Span
    level: int
    subsections: tuple[Section, ...] = ()
    text: str = field(default="", metadata=_HIDDEN, repr=False)

    def keywords(self, k: int = 10) -> list[str]:
        """The ``k`` most characteristic words of this section (jieba TF-IDF, lazy)."""
        from replyparse.keywords import top_keywords

        return top_keywords(self.text, k)


@dataclass(frozen=True, slots=True, kw_only=True)
class Money(_ToDict):
    """An amount of money; ``value`` in ``unit`` as written, ``yuan`` normalised.

    ``value``/``yuan`` are ``None`` for vague amounts (数千万元) and ranges; a range keeps
    ``[low, high]`` in the written unit.  ``approx`` names the approximation or bound
    (余, 近, 约, 超过, 以上, 不足 …), ``per`` the rate's basis (每亩, /人).
    """

    text: str
    span: Span
    value: Decimal | None
    unit: str
    yuan: Decimal | None
    currency: str = "CNY"
    approx: str | None = None
    range: tuple[Decimal, Decimal] | None = None
    per: str | None = None
    inferred: bool = False
    stance: Stance | None = None
    section: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Area(_ToDict):
    """An area; ``mu``, ``hectares`` and ``square_metres`` are exact (1 公顷 = 15 亩)."""

    text: str
    span: Span
    value: Decimal | None
    unit: str
    mu: Decimal | None
    hectares: Decimal | None
    square_metres: Decimal | None = None
    approx: str | None = None
    range: tuple[Decimal, Decimal] | None = None
    per: str | None = None
    inferred: bool = False
    stance: Stance | None = None
    section: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity(_ToDict):
    """Any other counted or measured amount (82万千瓦, 94.7%, 14家): never money or area."""

    text: str
    span: Span
    value: Decimal | None
    unit: str
    kind: str
    approx: str | None = None
    stance: Stance | None = None
    section: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Department(_ToDict):
    """A mention of an organ with its canonical full name, ``level`` and ``kind``."""

    text: str
    span: Span
    canonical: str
    level: str | None
    kind: str
    place: str | None = None
    stance: Stance | None = None
    section: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRef(_ToDict):
    """A title in 《》; ``kind`` from its last word (规划, 方案, 办法 …), ``period`` if given."""

    text: str
    span: Span
    title: str
    kind: str | None
    period: tuple[int, int] | None = None
    stance: Stance | None = None
    section: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class When(_ToDict):
    """The time anchor of an item as written, and as a year or range where it can be read.

    ``horizon`` is "year" (``year`` set), "range" (``range`` set) or "unspecified" (下一步).
    """

    text: str
    span: Span
    year: int | None = None
    range: tuple[int, int] | None = None
    horizon: str = "unspecified"


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackedItem(_ToDict):
    """One promise, reported result or refusal: a row users follow up next year.

    ``actor`` holds canonical organ names (我委 → the responder); ``actor_inferred`` says the
    item named no organ and took the section's last named actor or the responder.  ``cue``
    and ``strength`` (firm, intended, effort, study) come from ``data/commitment_cues.tsv``.
    """

    kind: Literal["commitment", "achievement", "declined"]
    text: str
    span: Span
    actor: tuple[str, ...]
    actor_text: tuple[str, ...] = ()
    actor_inferred: bool = False
    action: str = ""
    action_span: Span = (0, 0)
    when: When | None = None
    strength: str | None = None
    cue: str | None = None
    money: tuple[Money, ...] = ()
    areas: tuple[Area, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    section: int | None = None
    subsection: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Letter(_ToDict):
    """A parsed reply letter.  ``text`` is the exact input; every span indexes into it."""

    text: str = field(metadata=_HIDDEN, repr=False)
    meta: Meta
    sections: tuple[Section, ...] = ()
    statements: tuple[Statement, ...] = ()
    money: tuple[Money, ...] = ()
    areas: tuple[Area, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    departments: tuple[Department, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    commitments: tuple[TrackedItem, ...] = ()
    achievements: tuple[TrackedItem, ...] = ()
    declined: tuple[TrackedItem, ...] = ()
    warnings: tuple[str, ...] = ()
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """The output contract (``docs/schema.md``), ``schema`` first."""
        body = (_CONVERTERS.get(Letter) or _converter(Letter))(self)
        return {"schema": body.pop("schema"), **body}

    def to_json(self, *, indent: int | None = None) -> str:
        """``to_dict()`` as JSON text, Chinese kept as is."""
        import json

        # to_dict() builds a fresh tree: no cycle to check for (~10 % of the encoding).
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent,
                          check_circular=False)

    def departments_summary(self) -> list[OrganSummary]:
        """Organs by canonical name with mention counts and the money of their items."""
        from replyparse.summary import departments_summary

        return departments_summary(self)

    def keywords(self, k: int = 10) -> list[str]:
        """The ``k`` most characteristic words of the letter (jieba TF-IDF, lazy)."""
        from replyparse.keywords import top_keywords

        body = "".join(s.text for s in self.statements) or self.text
        return top_keywords(body, k)


def _quick_init(cls: type[Any]) -> None:
    """Give a frozen result class an ``__init__`` that sets its slots directly.

    The ``__init__`` that ``dataclass`` writes for a frozen class sets every field through
    ``object.__setattr__``, which looks the name up again each time; calling each slot's own
    setter skips that and halves the cost of building a result (a letter builds hundreds).
    Same keyword-only signature and defaults; ``tests/test_model.py`` checks the two agree.
    """
    params, body = [], []
    env: dict[str, Any] = {"_MISSING": dataclasses.MISSING}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            env[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(f"    if {f.name} is _MISSING: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
        body.append(_set_line(cls, f.name, env))
    source = f"def __init__(self, *, {', '.join(params)}) -> None:\n" + "\n".join(body)
    exec(source, env)  # what dataclasses itself does to write an __init__
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = cls.__init__.__annotations__
    cls.__init__ = init


def _set_line(cls: type[Any], name: str, env: dict[str, Any]) -> str:
    """The source line setting field ``name`` of ``cls`` on ``self`` from the local of that
    name, through the slot's own setter (bound into ``env``): what ``_quick_init``'s body is
    made of."""
    env[f"_set_{name}"] = cls.__dict__[name].__set__
    return f"    _set_{name}(self, {name})"


_R = TypeVar("_R")

#: The positional constructor of each result class, written on first use (``positional_new``).
_POSITIONAL: dict[type, Callable[..., Any]] = {}


def positional_new(cls: type[_R]) -> Callable[..., _R]:
    """A function building ``cls`` from all its field values, positionally, in field order.

    For loops that build a result per item: a call to a class by keyword hands its
    ``__init__`` the keywords as a dict, to be matched name by name, and sets each field by
    a call to its slot's setter.  Here the object is made as a :func:`_settable` twin of
    ``cls``, its fields set as plain attributes (an assignment to a slot that the
    interpreter specialises, not a call) and its class then made ``cls``: an eight-field
    ``Department`` costs less than half.  Builds what ``cls(**values)`` builds;
    ``tests/test_model.py`` checks the two agree.
    """
    new: Callable[..., _R] | None = _POSITIONAL.get(cls)
    if new is None:
        new = _POSITIONAL[cls] = _write_positional(cls)
    return new


def _write_positional(cls: type[Any]) -> Callable[..., Any]:
    env: dict[str, Any] = {"_cls": cls, "_twin": _settable(cls), "_new": object.__new__}
    names = [f.name for f in dataclasses.fields(cls)]
    source = (f"def new({', '.join(names)}):\n    self = _new(_twin)\n"
              + "".join(f"    self.{name} = {name}\n" for name in names)
              + "    self.__class__ = _cls\n    return self")
    exec(source, env)  # as _quick_init writes __init__
    new: Callable[..., Any] = env["new"]
    new.__qualname__ = f"positional_new({cls.__qualname__})"
    return new


def _settable(cls: type[Any]) -> type[Any]:
    """A subclass of the frozen ``cls`` with the same slots, whose attributes can be set.

    Nothing else is added, so an object made as one can become a ``cls`` by assigning its
    ``__class__`` (Python allows it between classes of the same layout).  Only
    ``positional_new`` makes them, and none is left as one.
    """
    return type(f"_Settable{cls.__name__}", (cls,), {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__module__": cls.__module__,
    })


def _converter(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    """The JSON-ready form of ``cls`` as one function written from its field types.

    What ``_jsonable`` decides value by value (a span is a tuple: a list; a ``Decimal``: its
    text; a result: its dict) is decided here once per field, so a letter's dict is built
    without a call per value: three times faster, and it runs once per letter in every batch
    worker.  A type not foreseen below goes through ``_jsonable``.  Written on first use (~0.3 ms a
    class), with the classes it holds, and kept in ``_CONVERTERS``.
    """
    env: dict[str, Any] = {"_jsonable": _jsonable, "_CONVERTERS": _CONVERTERS}
    hints = typing.get_type_hints(cls)
    entries = [
        f"{f.name!r}: {_expression(hints[f.name], f'self.{f.name}', env, 0)}"
        for f in dataclasses.fields(cls) if not f.metadata.get("hidden")
    ]
    source = "def convert(self):\n    return {" + ", ".join(entries) + "}"
    exec(source, env)  # as dataclasses writes __init__
    convert: Callable[[Any], dict[str, Any]] = env["convert"]
    convert.__qualname__ = f"{cls.__qualname__}.to_dict"
    _CONVERTERS[cls] = convert
    for held in _RESULT_CLASSES:  # the classes it holds, named in env by _expression
        if held.__name__ in env and held not in _CONVERTERS:
            _converter(held)
    return convert


def _expression(hint: Any, value: str, env: dict[str, Any], depth: int) -> str:
    """A Python expression giving the JSON-ready form of ``value``, of type ``hint``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in (str, int, bool) or origin is Literal:
        return value
    if hint is Decimal:
        return f"str({value})"
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        if len(kinds) == 1:
            inner = _expression(kinds[0], value, env, depth)
            return value if inner == value else f"(None if {value} is None else {inner})"
    elif origin is tuple and args and len({a for a in args if a is not Ellipsis}) == 1:
        item = f"x{depth}"
        inner = _expression(args[0], item, env, depth + 1)
        return f"list({value})" if inner == item else f"[{inner} for {item} in {value}]"
    elif origin is dict and args[0] is str:
        item = f"x{depth}"
        inner = _expression(args[1], item, env, depth + 1)
        return f"{{k{depth}: {inner} for k{depth}, {item} in {value}.items()}}"
    elif hint in _RESULT_CLASSES:
        # Looked up when called: a class may hold itself (Section.subsections).
        env[hint.__name__] = hint
        return f"_CONVERTERS[{hint.__name__}]({value})"
    return f"_jsonable({value})"


_RESULT_CLASSES = (MeetingInfo, DocNumber, Contact, Meta, Statement, Section, Money, Area,
                   Quantity, Department, DocumentRef, When, TrackedItem, Letter)
for _cls in _RESULT_CLASSES:
    _quick_init(_cls)
del _cls

