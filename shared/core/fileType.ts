/**
 * What a file's first bytes say it is, for the types people most often attach and that are
 * most often faked (docs/sync.md §Attachments). A declared type of one of these families must
 * match its bytes: a "PDF" that starts like a Windows program is refused at the contract and
 * flagged when it comes from the share.
 */
interface Family {
  label: string;
  mimes: readonly string[];
  starts: readonly number[][];
}

const FAMILIES: readonly Family[] = [
  { label: 'a PDF', mimes: ['application/pdf'], starts: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  { label: 'a PNG image', mimes: ['image/png'], starts: [[0x89, 0x50, 0x4e, 0x47]] },
  { label: 'a JPEG image', mimes: ['image/jpeg'], starts: [[0xff, 0xd8, 0xff]] },
  { label: 'a GIF image', mimes: ['image/gif'], starts: [[0x47, 0x49, 0x46, 0x38]] },
  {
    label: 'an Office document or a ZIP archive',
    mimes: [
      'application/zip',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.oasis.opendocument.text',
      'application/vnd.oasis.opendocument.spreadsheet',
    ],
    starts: [
      [0x50, 0x4b, 0x03, 0x04],
      [0x50, 0x4b, 0x05, 0x06],
    ],
  },
  { label: 'a Windows program', mimes: ['application/x-msdownload', 'application/vnd.microsoft.portable-executable'], starts: [[0x4d, 0x5a]] },
];

const startsWith = (bytes: Uint8Array, start: readonly number[]) => start.every((b, i) => bytes[i] === b);

/** The family the bytes belong to, or null when they are none of these (plain text, CSV, anything else). */
function familyOfBytes(bytes: Uint8Array): Family | null {
  return FAMILIES.find((f) => f.starts.some((s) => startsWith(bytes, s))) ?? null;
}

/**
 * Why the declared type does not fit the bytes, in words for the person who chose the file; null
 * when it fits (or neither says anything this list knows).
 */
export function fileTypeMismatch(mime: string, bytes: Uint8Array): string | null {
  const declared = FAMILIES.find((f) => f.mimes.includes(mime.toLowerCase())) ?? null;
  const actual = familyOfBytes(bytes);
  if (declared === actual || (!declared && actual?.label !== 'a Windows program')) return null;
  if (!actual) return `The file says it is ${declared!.label} (${mime}), but its contents are not.`;
  return `The file says it is ${declared ? declared.label : `of type ${mime || 'unknown'}`}, but its contents are ${actual.label}.`;
}
