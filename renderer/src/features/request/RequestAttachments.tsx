import { useState } from 'react';
import type { Attachment, RequestDetail } from '../../../../shared/model/request.js';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/core/attachment.js';
import { useApp } from '../../state/context.js';
import { formatDateTime } from '../../ui/format.js';
import { realExtension } from '../../../../shared/core/text.js';

const sizeLabel = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Two sizes in words that differ when the sizes do: a file a few bytes over the limit says so in bytes. */
function distinctSizes(a: number, b: number): [string, string] {
  if (sizeLabel(a) !== sizeLabel(b)) return [sizeLabel(a), sizeLabel(b)];
  const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  return [`${sizeLabel(a)} (${bytes(a)})`, `${sizeLabel(b)} (${bytes(b)})`];
}

/** The file's bytes as base64 (what the contract carries), read by the browser without copying them through strings. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () =>
      reject(new Error(`“${file.name}” could not be read (${reader.error?.message ?? 'unknown error'}). Try again, or pick another copy of the file.`));
    reader.readAsDataURL(file);
  });
}

/** Files on the request: kept on the share once, fetched when someone opens them. */
export function RequestAttachments({ detail, editable }: { detail: RequestDetail; editable: boolean }) {
  const addAttachment = useApp((s) => s.addAttachment);
  const getAttachment = useApp((s) => s.getAttachment);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attach = async (file: File) => {
    // A new file: what was said about the last one no longer applies.
    setError(null);
    if (file.size > MAX_ATTACHMENT_BYTES) {
      const [size, limit] = distinctSizes(file.size, MAX_ATTACHMENT_BYTES);
      setError(`“${file.name}” is ${size}; an attachment may be at most ${limit}. Share it through a link in a comment instead.`);
      return;
    }
    setBusy(true);
    try {
      const err = await addAttachment({ name: file.name, mime: file.type || 'application/octet-stream', data: await readBase64(file) });
      setError(err?.message ?? null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const save = async (a: Attachment) => {
    const r = await getAttachment(a.id);
    if ('message' in r) return setError(r.message);
    setError(null);
    const bytes = Uint8Array.from(atob(r.data), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: r.mime }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = r.name;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section aria-labelledby="attachments-title">
      <h3 id="attachments-title">Attachments</h3>
      {detail.attachments.length === 0 && <p className="muted small">No files attached.</p>}
      <ul className="attachments">
        {detail.attachments.map((a) => (
          <li key={a.id}>
            {a.locked ? (
              <span className="muted" title={`Sealed for ${detail.fromDepartment} and ${detail.toDepartment}: this computer holds no key for it`}>
                A sealed file
              </span>
            ) : (
              <>
                <button type="button" className="link" onClick={() => void save(a)}>
                  {a.name}
                </button>{' '}
                {/* What the file opens as, apart from a name that may be made to read otherwise. */}
                <span className="file-ext" title="The file’s real type, by the end of its name">
                  {realExtension(a.name).toUpperCase() || 'no extension'}
                </span>
              </>
            )}{' '}
            <span className="muted small">
              {sizeLabel(a.size)} · {a.actor.user} · {formatDateTime(a.at)}
            </span>
          </li>
        ))}
      </ul>
      {editable && (
        <label className="file-pick">
          <span className="button-like">{busy ? 'Attaching…' : 'Attach a file'}</span>
          <input
            type="file"
            className="visually-hidden"
            aria-label="Attach a file"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void attach(file);
            }}
          />
        </label>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
