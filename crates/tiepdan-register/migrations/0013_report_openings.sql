-- Opening balances of the periodic reports (issue 17): for each form, the balances a ward that
-- started using the register mid-year declared for the form's carried-over columns, as the latest
-- declaration or correction left them (the journal keeps every one). `columns` is the JSON object
-- of column number → balance, as the event carries it.
CREATE TABLE report_openings (
    form     TEXT PRIMARY KEY,
    from_day TEXT NOT NULL,
    columns  TEXT NOT NULL
) STRICT;
