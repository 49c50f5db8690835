"""Downloads of tables (CSV / spreadsheet next to each data table).

Placeholder: the generator has no downloadable tables yet; they arrive
with the municipal monitoring pages. The test belongs here and should,
for a table page listed in page_kinds.PAGE_KINDS:

* click the download link by its Russian name with ``page.expect_download()``;
* check the file name, that it opens as UTF-8 (with BOM for Excel), and
  that its header row and first data row match the table on the page;
* assert ``page.external_requests == []``.
"""
