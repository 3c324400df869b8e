import { describe, expect, it } from 'vitest';
import { setUpAs, startedServices } from '../../helpers/services.js';
import { laptopRequest } from '../../helpers/requestInputs.js';
import { undoAfterEach } from '../../helpers/undo.js';

const { cleanup } = undoAfterEach();

describe('attachment handlers', () => {
  it('keeps a file with its request and gives the same bytes back; an unknown one is not found', async () => {
    const s = startedServices(cleanup);
    await setUpAs(s, 'Sam', 'Sales');
    const r = await s.must('createRequest', laptopRequest());
    const data = Buffer.from('3 laptops, 14 inch').toString('base64');
    const withFile = await s.must('addAttachment', { id: r.id, name: 'quote.txt', mime: 'text/plain', data });
    const [file] = withFile.attachments;
    expect(file).toMatchObject({ name: 'quote.txt', size: 18 });
    expect(await s.must('getAttachment', { id: r.id, attachment: file!.id })).toEqual({ name: 'quote.txt', mime: 'text/plain', data });
    const missing = await s.call('getAttachment', { id: r.id, attachment: 'nope' });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
  });
});
