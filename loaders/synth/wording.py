"""Small helpers for Vietnamese sentence case."""

from __future__ import annotations


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# Sentence openers that are common words (lower-cased after "cho biết:"); anything else
# ("Sở", "UBND", a system's name) keeps its capital.
_COMMON_OPENERS = (
    "Toàn ",
    "Tỷ ",
    "Các ",
    "Trong ",
    "Tổng ",
    "Số ",
    "Bộ phận ",
    "Công tác ",
    "Hạ tầng ",
    "Mạng lưới ",
    "Mạng 4G",
    "Thời gian",
    "Từ ",
    "Đã ",
    "Phong trào ",
    "Theo ",
    "Chỉ số ",
)


def decap(text: str) -> str:
    return text[:1].lower() + text[1:] if text.startswith(_COMMON_OPENERS) else text
