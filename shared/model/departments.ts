/** The departments a new install offers before any are configured (issue 4 makes them editable data). */
export const DEFAULT_DEPARTMENTS = [
  'Customer Service',
  'Engineering',
  'Sales',
  'IT',
  'HR',
  'Payroll',
  'Facilities',
  'Supply',
] as const;
