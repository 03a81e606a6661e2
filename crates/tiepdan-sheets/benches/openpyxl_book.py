"""The register book's rows written with openpyxl, for the XLSX benchmark (docs/performance.md,
"Spreadsheets"). Reads the rows the Rust bench wrote as JSON, writes the same sheet the Rust writer
does (letterhead, merged header, numbers row, one row per visit in Times New Roman with thin
borders and wrapped text, STT as a number, the date as a dd/mm/yyyy date cell) to memory, and
prints the seconds the writing took (best of RUNS). Bench-only: `pip install openpyxl`.

Usage: python3 openpyxl_book.py ROWS.json RUNS
"""

import datetime
import io
import json
import sys
import time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

COLUMNS = [
    "STT", "Ngày tiếp", "Họ tên - Địa chỉ", "Số định danh cá nhân/CCCD, CMND, Hộ chiếu",
    "Nội dung vụ việc", "Phân loại đơn/Số người", "Cơ quan đã giải quyết", "Thụ lý để giải quyết",
    "Trả lại đơn và hướng dẫn", "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền",
    "Theo dõi kết quả giải quyết", "Ghi chú",
]


def write(rows):
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Times New Roman", size=10)
    bold = Font(name="Times New Roman", size=10, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
    head = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sổ tiếp công dân"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    ws.cell(1, 1, rows["upstream"]).font = font
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=4)
    ws.cell(2, 1, rows["issuer"]).font = bold
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=12)
    ws.cell(4, 1, "SỔ TIẾP CÔNG DÂN").font = bold
    top = 7
    for c, title in enumerate(COLUMNS, start=1):
        if 8 <= c <= 10:
            cell = ws.cell(top + 1, c, title)
        else:
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
            cell = ws.cell(top, c, title)
        cell.font, cell.border, cell.alignment = bold, border, head
    ws.merge_cells(start_row=top, start_column=8, end_row=top, end_column=10)
    ws.cell(top, 8, "Hướng xử lý").font = bold
    for c in range(1, 13):
        cell = ws.cell(top + 2, c, f"({c})")
        cell.font, cell.border, cell.alignment = font, border, head
    r = top + 3
    for row in rows["rows"]:
        values = [row["number"], datetime.date.fromisoformat(row["date"])] + row["texts"]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value)
            cell.font, cell.border = font, border
            cell.alignment = wrap if c in (3, 5, 7, 12) else centre
            if c == 2:
                cell.number_format = "dd/mm/yyyy"
        r += 1
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return len(out.getvalue())


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        rows = json.load(f)
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best = None
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        size = write(rows)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{best:.6f} {size}")


if __name__ == "__main__":
    main()
