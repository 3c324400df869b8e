/** The largest file one attachment may be: big enough for a scan or a spreadsheet, small enough for every machine to keep. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
