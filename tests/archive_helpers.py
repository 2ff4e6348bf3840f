"""Small test archives: real and synthetic letters plus files that must fail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "liaoning-2021-1125.txt"

SHORT = (
    "关于{topic}的答复\n"
    "{name}代表：\n"
    "您提出的关于{topic}的建议收悉，现答复如下：\n"
    "一、关于资金保障\n"
    "近年来，我厅会同省财政厅累计安排资金3541.07万元，完成改造0.64万亩。\n"
    "下一步，我厅将争取中央资金21.96亿元，推进《辽宁省“十四五”{topic}规划（2021—2025年）》实施。\n"
    "感谢您对我们工作的关心和支持。\n"
    "辽宁省{organ}\n"
    "2021年{month}月{day}日\n"
)


def short_letter(i: int) -> str:
    topics = ["乡村振兴", "城市更新", "生态保护", "交通建设", "教育发展", "医疗卫生"]
    organs = ["农业农村厅", "住房和城乡建设厅", "生态环境厅", "交通运输厅", "教育厅",
              "卫生健康委员会"]
    return SHORT.format(topic=topics[i % len(topics)], name=f"王{i}", organ=organs[i % len(organs)],
                        month=1 + i % 12, day=1 + i % 28)


def gbk_text(text: str) -> str:
    """``text`` as a GBK file can hold it."""
    return text.replace("\xa0", " ")


@dataclass(frozen=True)
class Archive:
    root: Path
    good: list[Path]   # parse; ids may repeat (duplicate, GBK copy)
    bad: dict[Path, str]  # must fail; value: how the error must start


def build_archive(root: Path, n_short: int = 6) -> Archive:
    """good letters, an empty file, a binary file, a truncated docx, a GBK copy, a duplicate."""
    root.mkdir(parents=True, exist_ok=True)
    reference = SAMPLE.read_text(encoding="utf-8")
    good: list[Path] = []
    (root / "a-reference.txt").write_text(reference, encoding="utf-8")
    good.append(root / "a-reference.txt")
    sub = root / "more"
    sub.mkdir(exist_ok=True)
    for i in range(n_short):
        path = sub / f"short-{i:02d}.txt"
        path.write_text(short_letter(i), encoding="utf-8")
        good.append(path)
    # GBK has no U+00A0 (no-break space), so a real GBK copy has plain spaces instead.
    (root / "b-reference-gbk.txt").write_bytes(gbk_text(reference).encode("gbk"))
    good.append(root / "b-reference-gbk.txt")
    (root / "c-duplicate.txt").write_bytes((sub / "short-00.txt").read_bytes())
    good.append(root / "c-duplicate.txt")
    bad = {  # how each error record's message starts
        root / "d-empty.txt": "ReadError",
        root / "e-binary.txt": "ReadError",
        root / "f-truncated.docx": "ReadError",
    }
    (root / "d-empty.txt").write_bytes(b"")
    (root / "e-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    zip_junk = b"PK\x03\x04" + b"\x14\x00\x06\x00\x08\x00" + bytes(200)
    (root / "f-truncated.docx").write_bytes(zip_junk)
    (root / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (root / "notes.md").write_text("not a letter suffix", encoding="utf-8")
    return Archive(root, good, bad)


def archive_order(archive: Archive) -> list[Path]:
    """The order a directory walk yields: sorted by path components."""
    return sorted([*archive.good, *archive.bad], key=lambda p: p.parts)
