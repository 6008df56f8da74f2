"""A framework typed as a spreadsheet table — an office's own or a decision's annex — turned
into framework YAML.

``read_framework_table`` reads the first sheet of an XLSX table into the mapping that
``parse_framework`` takes, reporting every problem with its file and row or cell;
``write_framework_yaml`` writes that mapping as readable YAML for ``frameworks/``.

The header is the first of the top 15 rows that names a code (or level), a name and a max
column; title rows above it are skipped, and so is a row of column numbers ("(1) (2) …")
under it. A second header row under it holds the sub-columns of a merged cell ("Điểm đánh
giá" over "Điều tra XHH | Tự đánh giá | SNV đánh giá"). Headers are compared in any case,
with or without diacritics, a trailing "(…)" left out:

==========  ==========================================================================
column      headers
==========  ==========================================================================
code        STT, TT, Số TT, Số thứ tự, Mã, Mã số, Mã tiêu chí, code
name        Lĩnh vực/Tiêu chí/Tiêu chí thành phần (any of Lĩnh vực, Tiêu chí, Tiêu chí
            thành phần, TCTP, Chỉ tiêu, Nội dung joined by "/" or ","), Tên, Tên tiêu chí,
            Tên lĩnh vực, tiêu chí, Nội dung, Nội dung đánh giá, name
max         Điểm tối đa, Điểm, Điểm chuẩn, max; «Thang điểm» when no other max column
level       Cấp, Cấp tiêu chí, level — 1 (lĩnh vực), 2 (tiêu chí), 3 (tiêu chí thành
            phần), …; overrides what the numbering says
source      Nguồn, Nguồn điểm, Phương pháp, source — tự đánh giá | điều tra xã hội học
survey      Điều tra XHH, Điều tra xã hội học, ĐTXHH, XHH (alone or under «Điểm đánh
            giá»): any mark or number makes the row survey (see below)
guide       Cách chấm điểm, Cách chấm, Cách tính điểm, Hướng dẫn chấm điểm, guide;
            «Thang điểm» beside another max column
evidence    Tài liệu kiểm chứng, TLKC, evidence (any text: the documents the leaf asks
            for, kept as its ``evidence``)
note        Ghi chú, note
(ignored)   Tự đánh giá, Tự chấm, SNV đánh giá, Thẩm định, Điểm đánh giá, Điểm đạt được,
            Chỉ số, Kết quả — columns of scores; any other unknown column too
==========  ==========================================================================

Rows are nested by their numbering (``numbering``): 1, 1.1, 1.1.1 by depth; I, II are
fields and the numbers under them criteria; "Lĩnh vực N", "Tiêu chí N", "Chỉ tiêu N",
"Tiêu chí thành phần N" by the word, then "1." and "a)" items below the last of them.
Codes are paths ("I.4", "1.1.2"). A row with no number under a criterion is one of its
scoring lines (``lines``): its guide and, when every line gives points, its scale. A row
"Tổng cộng" is checked against the fields, not read as a criterion ("Cộng", a subtotal, is
skipped). Sources: a «Nguồn» cell wins; else a mark in «Điều tra XHH» makes the row and what
is under it survey (unless rows under it carry marks of their own: the marked row is then a
subtotal); else a name that says "điều tra xã hội học" (or ĐTXHH, điều tra XHH) is survey.
Every stated max must be the sum of its children; every problem is reported at once.
"""

from __future__ import annotations

from parindex.core.framework import DEFAULT_CLASSES
from parindex.io.framework_table.reader import framework_from_rows, read_framework_table
from parindex.io.framework_table.yaml_out import write_framework_yaml

__all__ = ["DEFAULT_CLASSES", "framework_from_rows", "read_framework_table", "write_framework_yaml"]
