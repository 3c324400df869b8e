import { useState } from 'react';
import type { RequestDetail, RequestLink } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';
import { StatusBadge } from '../../ui/badges.js';

const LINK_WORDS: Record<RequestLink['kind'], Record<RequestLink['direction'], string>> = {
  parent: { to: 'Part of', from: 'Has part' },
  duplicate: { to: 'Duplicate of', from: 'Duplicated by' },
};

/** Parent/child and duplicate links, both ways; a side of the request can add or remove its own. */
export function RequestLinks({ detail, editable }: { detail: RequestDetail; editable: boolean }) {
  const linkRequest = useApp((s) => s.linkRequest);
  const showRequest = useApp((s) => s.showRequest);
  const [kind, setKind] = useState<RequestLink['kind']>('parent');
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const link = async (k: RequestLink['kind'], ref: string, linked: boolean) => {
    const err = await linkRequest(k, ref, linked);
    setError(err?.message ?? null);
    if (!err && linked) setOther('');
  };
  return (
    <section aria-labelledby="links-title">
      <h3 id="links-title">Links</h3>
      {detail.links.length === 0 && <p className="muted small">Not linked to other requests.</p>}
      <ul className="links" aria-label="Linked requests">
        {detail.links.map((l) => (
          <li key={`${l.kind}:${l.direction}:${l.other}`}>
            <span className="muted">{LINK_WORDS[l.kind][l.direction]}</span>{' '}
            <button type="button" className="link" onClick={() => void showRequest(l.other)}>
              {l.key}
            </button>{' '}
            {l.title ?? <span className="muted">(not on this computer yet)</span>}
            {l.status && (
              <>
                {' '}
                <StatusBadge status={l.status} />
              </>
            )}
            {editable && l.direction === 'to' && (
              <button type="button" className="link" aria-label={`Remove link to ${l.key}`} onClick={() => void link(l.kind, l.other, false)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          className="link-form"
          aria-label="Link to another request"
          onSubmit={(e) => {
            e.preventDefault();
            if (other.trim()) void link(kind, other.trim(), true);
          }}
        >
          <select aria-label="Link kind" value={kind} onChange={(e) => setKind(e.target.value as RequestLink['kind'])}>
            <option value="parent">Part of</option>
            <option value="duplicate">Duplicate of</option>
          </select>
          <input aria-label="Other request’s key" placeholder="Key, e.g. 3F9A1C" value={other} maxLength={40} onChange={(e) => setOther(e.target.value)} />
          <button type="submit" disabled={!other.trim()}>
            Link
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
