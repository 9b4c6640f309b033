-- The price list (issue 19): every version is kept, so a quote built from version N can
-- always be shown with the prices it was built from. `document` is the core's
-- `PriceListInput` as JSON (currency, day rate, modules); the version is the key.
-- `set_by` is null for a list stored from the command line or by `--demo`.
CREATE TABLE price_lists (
    version  INTEGER PRIMARY KEY NOT NULL CHECK (version > 0),
    document TEXT NOT NULL,
    set_by   TEXT REFERENCES users (id),
    set_at   TEXT NOT NULL
);
