/** What each settings section gets: its saved value, whether this user may change it, and a save that answers an error message or null. */
export interface SectionEditorProps<T> {
  value: T;
  editable: boolean;
  onSave(value: T): Promise<string | null>;
}
