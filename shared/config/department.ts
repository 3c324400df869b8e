import type { Priority } from '../core/priority.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { weekdays } from '../sla/calendar.js';
import type { RequestType } from '../sla/catalog.js';
import type { OlaPolicy } from '../sla/clocks.js';

/** Everything a department agrees to (DESIGN.md §4), synced like requests, edited in the admin screen. */
export interface DepartmentConfig {
  calendar: BusinessCalendar;
  policy: OlaPolicy;
  catalog: RequestType[];
}

export const CONFIG_SECTIONS = ['calendar', 'policy', 'catalog'] as const;
export type ConfigSection = (typeof CONFIG_SECTIONS)[number];

/** The departments a new install offers; a seed writes them to the share on first setup. */
export const DEFAULT_DEPARTMENTS = ['Customer Service', 'Engineering', 'Sales', 'IT', 'HR', 'Payroll', 'Facilities', 'Supply'] as const;

const H = 60;
const D = 8 * H;

/** Targets in business minutes, as most internal service desks start out. */
export const DEFAULT_POLICY: OlaPolicy = {
  targets: {
    P1: { responseMinutes: 30, resolutionMinutes: 4 * H },
    P2: { responseMinutes: 2 * H, resolutionMinutes: D },
    P3: { responseMinutes: 4 * H, resolutionMinutes: 3 * D },
    P4: { responseMinutes: D, resolutionMinutes: 5 * D },
  } satisfies Record<Priority, unknown>,
  atRisk: [0.5, 0.75],
};

export function defaultCalendar(timeZone: string): BusinessCalendar {
  return { timeZone, week: weekdays('08:00-12:00', '13:00-17:00'), closures: ['--01-01', '--12-25', '--12-26'] };
}

const general: RequestType = {
  id: 'general',
  name: 'General request',
  fields: [],
  defaultPriority: 'P3',
  leadTimeMinutes: 0,
  notify: [],
};

/** A starting catalog per default department: a few typical request types and a catch-all. */
const CATALOGS: Record<(typeof DEFAULT_DEPARTMENTS)[number], RequestType[]> = {
  'Customer Service': [
    {
      id: 'callback',
      name: 'Customer callback',
      defaultPriority: 'P2',
      leadTimeMinutes: 4 * H,
      notify: [],
      fields: [
        { id: 'customer', label: 'Customer', kind: 'text', required: true },
        { id: 'phone', label: 'Phone number', kind: 'text', required: true },
      ],
    },
  ],
  Engineering: [
    // The case Interdesk was born from: customer service's questions about an order, unanswered
    // while a customer waited, until a wrong shipment cost $125,000. A P1: answered within 30 minutes.
    {
      id: 'order-clarification',
      name: 'Order clarification — customer waiting',
      defaultPriority: 'P1',
      leadTimeMinutes: 0,
      notify: [],
      fields: [
        { id: 'order', label: 'Order number', kind: 'text', required: true },
        { id: 'question', label: 'What needs clarifying', kind: 'text', required: true },
        { id: 'valueAtStake', label: 'Value at stake', kind: 'number', required: false },
      ],
    },
    {
      id: 'bug',
      name: 'Customer-reported bug',
      defaultPriority: 'P2',
      leadTimeMinutes: 0,
      notify: [],
      fields: [
        { id: 'product', label: 'Product', kind: 'text', required: true },
        { id: 'severity', label: 'Customer impact', kind: 'choice', required: true, options: ['Blocked', 'Degraded', 'Cosmetic'] },
      ],
    },
    {
      id: 'feature',
      name: 'Feature for a customer',
      defaultPriority: 'P4',
      leadTimeMinutes: 10 * D,
      notify: [],
      fields: [{ id: 'customer', label: 'Customer', kind: 'text', required: true }],
    },
  ],
  Sales: [
    {
      id: 'quote',
      name: 'Quote',
      defaultPriority: 'P3',
      leadTimeMinutes: 2 * D,
      notify: [],
      fields: [
        { id: 'customer', label: 'Customer', kind: 'text', required: true },
        { id: 'value', label: 'Estimated value (EUR)', kind: 'number', required: false },
      ],
    },
  ],
  IT: [
    {
      id: 'hardware',
      name: 'Hardware',
      defaultPriority: 'P3',
      leadTimeMinutes: 3 * D,
      notify: [],
      fields: [
        { id: 'item', label: 'Item', kind: 'choice', required: true, options: ['Laptop', 'Monitor', 'Headset', 'Phone', 'Other'] },
        { id: 'quantity', label: 'Quantity', kind: 'number', required: true },
        { id: 'costCentre', label: 'Cost centre', kind: 'text', required: false },
      ],
    },
    {
      id: 'access',
      name: 'Access to a system',
      defaultPriority: 'P3',
      leadTimeMinutes: D,
      notify: [],
      fields: [
        { id: 'system', label: 'System', kind: 'text', required: true },
        { id: 'level', label: 'Access level', kind: 'choice', required: true, options: ['Read', 'Write', 'Admin'] },
      ],
    },
    {
      id: 'incident',
      name: 'Something is broken',
      defaultPriority: 'P2',
      leadTimeMinutes: 0,
      notify: [],
      fields: [{ id: 'system', label: 'What is broken', kind: 'text', required: true }],
    },
  ],
  HR: [
    {
      id: 'onboarding',
      name: 'Onboarding a new colleague',
      defaultPriority: 'P3',
      leadTimeMinutes: 10 * D,
      notify: [],
      fields: [
        { id: 'person', label: 'New colleague', kind: 'text', required: true },
        { id: 'start', label: 'Start date', kind: 'date', required: true },
      ],
    },
    { id: 'letter', name: 'Employment letter', defaultPriority: 'P4', leadTimeMinutes: 3 * D, notify: [], fields: [] },
  ],
  Payroll: [
    {
      id: 'correction',
      name: 'Payroll correction',
      defaultPriority: 'P2',
      leadTimeMinutes: 2 * D,
      notify: [],
      fields: [
        { id: 'person', label: 'Employee', kind: 'text', required: true },
        { id: 'month', label: 'Pay month', kind: 'date', required: true },
      ],
    },
  ],
  Facilities: [
    {
      id: 'repair',
      name: 'Repair',
      defaultPriority: 'P3',
      leadTimeMinutes: 0,
      notify: [],
      fields: [{ id: 'location', label: 'Room or location', kind: 'text', required: true }],
    },
    {
      id: 'room',
      name: 'Room set-up',
      defaultPriority: 'P4',
      leadTimeMinutes: 2 * D,
      notify: [],
      fields: [
        { id: 'location', label: 'Room', kind: 'text', required: true },
        { id: 'people', label: 'Number of people', kind: 'number', required: false },
      ],
    },
  ],
  Supply: [
    {
      id: 'purchase',
      name: 'Purchase order',
      defaultPriority: 'P3',
      leadTimeMinutes: 5 * D,
      notify: [],
      fields: [
        { id: 'item', label: 'Item', kind: 'text', required: true },
        { id: 'quantity', label: 'Quantity', kind: 'number', required: true },
      ],
    },
  ],
};

/** Request types whose requests are sealed to their two departments on a new share (docs/sync.md §Confidential requests): HR's and Payroll's, all of them. */
export const DEFAULT_CONFIDENTIAL_TYPES: Readonly<Record<string, readonly string[]>> = {
  HR: ['onboarding', 'letter', 'general'],
  Payroll: ['correction', 'general'],
};

/** A department as a new install or "Add department" starts it. */
export function defaultDepartmentConfig(name: string, timeZone: string): DepartmentConfig {
  const catalog = CATALOGS[name as keyof typeof CATALOGS] ?? [];
  return { calendar: defaultCalendar(timeZone), policy: DEFAULT_POLICY, catalog: [...catalog, general] };
}

export function defaultConfigs(timeZone: string): Record<string, DepartmentConfig> {
  return Object.fromEntries(DEFAULT_DEPARTMENTS.map((name) => [name, defaultDepartmentConfig(name, timeZone)]));
}
