/**
 * The end of a small form on the request page: what went wrong (read out as it appears), a way
 * out, and the one button that does it.
 */
export function FormFooter({
  error,
  onCancel,
  cancel = 'Not now',
  submit,
  tone = 'primary',
  disabled = false,
}: {
  error: string | null;
  onCancel(): void;
  cancel?: string;
  submit: string;
  tone?: 'primary' | 'danger';
  disabled?: boolean;
}) {
  return (
    <>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          {cancel}
        </button>
        <button type="submit" className={tone} disabled={disabled}>
          {submit}
        </button>
      </div>
    </>
  );
}
