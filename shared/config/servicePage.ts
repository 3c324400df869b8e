import { z } from 'zod';
import { isReservedName } from '../core/text.js';

/**
 * What a department tells everyone it serves (docs/sync.md §Service pages): what it does and does
 * not do, its vision in a sentence, whom to ask, what it needs from the departments that ask it,
 * per request type what it is for, what to attach and help per question, and how long after done
 * a requester may reopen. Hours and targets are not here: they come from the calendar and the
 * service levels, so the page can never disagree with the clocks.
 */
export interface ServicePage {
  does: string;
  doesNot: string;
  vision: string;
  /** Whom to ask, one a line: a name, a role, a mailbox or a phone number. */
  contacts: string[];
  /** What the department needs to do its part: from one requesting department, or from all (`from` '*'). */
  needs: { from: string; text: string }[];
  /**
   * Per request type id: what it is for, what to attach, a help text per field id, and what a late
   * one costs (`stake`: the answer of one of its number fields, such as the order value, or a fixed
   * estimate per business hour past due), which the reviews add up for breached requests.
   */
  types: Record<
    string,
    {
      description?: string | undefined;
      attach?: string | undefined;
      help?: Record<string, string> | undefined;
      stake?: { field: string } | { perHour: number } | undefined;
    }
  >;
  /** Business days of the providing department after done during which the requester may reopen. */
  reopenDays: number;
}

export const DEFAULT_REOPEN_DAYS = 5;

/** A key in a map read from the share: a short plain word, never one a plain object already answers to. */
const key = z
  .string()
  .regex(/^[A-Za-z][\w-]{0,39}$/)
  .refine((k) => !isReservedName(k));
const line = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} is at most ${max.toLocaleString('en')} characters.`);

export const servicePageSchema = z.strictObject(
  {
    does: line('What the department does', 2_000),
    doesNot: line('What the department does not do', 2_000),
    vision: line('The service vision', 300),
    contacts: z
      .array(line('A contact', 200).min(1, 'A contact line cannot be empty.'), { error: 'Contacts must be a list of lines.' })
      .max(20, 'At most 20 contacts.'),
    needs: z
      .array(
        z.strictObject({
          from: z
            .string({ error: 'Say which department a need is for, or * for all.' })
            .trim()
            .min(1, 'Say which department a need is for, or * for all.')
            .max(80),
          text: line('A need', 500).min(1, 'Say what you need.'),
        }),
        { error: 'Needs must be a list of what you need from whom.' },
      )
      .max(50, 'At most 50 needs.'),
    types: z.record(
      key,
      z.strictObject({
        description: line('A request type’s description', 1_000).optional(),
        attach: line('What to attach', 500).optional(),
        help: z.record(key, line('A field’s help', 500)).optional(),
        stake: z
          .union([
            z.strictObject({ field: key }),
            z.strictObject({ perHour: z.number({ error: 'A cost per hour must be a number.' }).min(0, 'A cost per hour is not negative.').max(1e9) }),
          ])
          .optional(),
      }),
      { error: 'Request types must be described by their id.' },
    ),
    reopenDays: z
      .number({ error: 'Reopen within must be a number of business days.' })
      .int('Reopen within is a whole number of business days.')
      .min(0, 'Reopening can be off (0 days), not negative.')
      .max(60, 'At most 60 business days.'),
  },
  { error: 'A service page must say what the department does, its vision, contacts, needs, request types and reopening days.' },
);

const page = (p: Partial<ServicePage>): ServicePage => ({
  does: '',
  doesNot: '',
  vision: '',
  contacts: [],
  needs: [],
  types: {},
  reopenDays: DEFAULT_REOPEN_DAYS,
  ...p,
});

/** What the default departments say until a lead writes their own: the two-way street of the seed. */
const DEFAULTS: Record<string, ServicePage> = {
  IT: page({
    does: 'Laptops, phones and accounts; access to systems; help when something is broken.',
    doesNot: 'Buying software nobody has approved; repairing personal devices.',
    vision: 'Everyone can work from their first hour to their last day.',
    needs: [
      { from: 'HR', text: 'Timely notification of new hires and leavers: ten working days before the first or last day.' },
      { from: '*', text: 'The cost centre for anything that is bought.' },
    ],
    types: {
      hardware: { description: 'A device for someone: laptop, monitor, headset, phone.', attach: 'The approval of the cost centre’s owner, if over budget.' },
      access: {
        description: 'Access to a system, at the level the work needs.',
        help: { level: 'Ask for the lowest level the work needs; admin needs a reason.' },
      },
      incident: { description: 'Something that worked and is broken now.' },
    },
  }),
  HR: page({
    does: 'Contracts, letters, onboarding and leaving, questions about policies.',
    doesNot: 'Pay questions (ask Payroll) or devices (ask IT).',
    vision: 'People know where they stand, in writing, on time.',
    needs: [{ from: '*', text: 'The start date and the manager’s name for every new colleague, as soon as they are known.' }],
  }),
  Engineering: page({
    does: 'Answers about orders, products and quotes; bugs and features.',
    doesNot: 'Promise delivery dates to customers without asking Supply.',
    vision: 'No customer waits on a question only Engineering can answer.',
    needs: [
      { from: 'Customer Service', text: 'The order number and the customer’s exact question: a clarification without them waits.' },
      { from: 'Sales', text: 'Quotes two working days ahead, with the customer and the estimated value.' },
    ],
    types: {
      'order-clarification': {
        description: 'A customer’s order waits on an answer only Engineering has. Answered first.',
        attach: 'The order confirmation, and the customer’s message if there is one.',
        help: { valueAtStake: 'What the order is worth: it says what a late answer costs.' },
        stake: { field: 'valueAtStake' },
      },
    },
  }),
  Payroll: page({ does: 'Pay, expenses and payslips.', needs: [{ from: 'HR', text: 'Contract changes by the 15th of the month they take effect.' }] }),
  Facilities: page({
    does: 'Desks, rooms, keys and repairs in the building.',
    needs: [{ from: 'HR', text: 'A new colleague’s start date and team, a week ahead.' }],
  }),
};

export function defaultServicePage(department: string): ServicePage {
  return Object.hasOwn(DEFAULTS, department) ? DEFAULTS[department]! : page({});
}

/** What `provider` needs from `requester`: its needs named for that department, then those for all. */
export function needsFrom(page: ServicePage, requester: string): string[] {
  return [...page.needs.filter((n) => n.from === requester), ...page.needs.filter((n) => n.from === '*')].map((n) => n.text);
}
