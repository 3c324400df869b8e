import { describe, expect, it } from 'vitest';
import { fileTypeMismatch } from '../../shared/core/fileType.js';
import { hasHiddenCharacters, isReservedName, realExtension, visibleText } from '../../shared/core/text.js';

const bytes = (...b: number[]) => Uint8Array.from([...b, 0x20, 0x20]);

describe('a file’s declared type against its first bytes', () => {
  it.each([
    ['application/pdf', bytes(0x25, 0x50, 0x44, 0x46, 0x2d)],
    ['image/png', bytes(0x89, 0x50, 0x4e, 0x47)],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff)],
    ['image/gif', bytes(0x47, 0x49, 0x46, 0x38)],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['application/zip', bytes(0x50, 0x4b, 0x05, 0x06)],
    ['APPLICATION/PDF', bytes(0x25, 0x50, 0x44, 0x46, 0x2d)],
    ['text/plain', bytes(0x68, 0x69)],
    ['text/csv', bytes(0x25, 0x50, 0x44, 0x46, 0x2d)],
    ['application/x-msdownload', bytes(0x4d, 0x5a)],
  ])('takes %s that is what its bytes say, or one this list does not judge', (mime, data) => {
    expect(fileTypeMismatch(mime, data)).toBeNull();
  });

  it.each([
    ['application/pdf', bytes(0x4d, 0x5a), 'The file says it is a PDF, but its contents are a Windows program.'],
    ['text/plain', bytes(0x4d, 0x5a), 'The file says it is of type text/plain, but its contents are a Windows program.'],
    ['', bytes(0x4d, 0x5a), 'The file says it is of type unknown, but its contents are a Windows program.'],
    ['image/png', bytes(0x68, 0x69), 'The file says it is a PNG image (image/png), but its contents are not.'],
    ['image/jpeg', bytes(0x89, 0x50, 0x4e, 0x47), 'The file says it is a JPEG image, but its contents are a PNG image.'],
  ])('refuses %s whose bytes are something else, and says what', (mime, data, why) => {
    expect(fileTypeMismatch(mime, data)).toBe(why);
  });
});

describe('names people read', () => {
  it('finds control and text-direction characters, and shows each as its code point', () => {
    expect(hasHiddenCharacters('Payslip-\u202efdp.exe')).toBe(true);
    expect(hasHiddenCharacters('Zoë’s “plan” – 2026')).toBe(false);
    expect(hasHiddenCharacters('a\u0007b')).toBe(true);
    expect(hasHiddenCharacters('a\u0085b')).toBe(true);
    expect(visibleText('Payslip-\u202efdp.exe\u2066')).toBe('Payslip-⟨U+202E⟩fdp.exe⟨U+2066⟩');
    expect(visibleText('tab\there')).toBe('tab⟨U+0009⟩here');
    expect(visibleText('plain')).toBe('plain');
  });

  it('knows the names a plain object already answers to', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) expect(isReservedName(name)).toBe(true);
    for (const name of ['IT', 'Sales', 'proto', 'Constructor']) expect(isReservedName(name)).toBe(false);
  });

  it('tells a file’s real extension, by what follows its last dot', () => {
    expect(realExtension('Payslip-\u202efdp.exe')).toBe('exe');
    expect(realExtension('report.final.PDF')).toBe('pdf');
    expect(realExtension('README')).toBe('');
    expect(realExtension('.bashrc')).toBe('');
    expect(realExtension('trailing.')).toBe('');
  });
});
