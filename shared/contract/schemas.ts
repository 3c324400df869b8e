// Over 300 lines on purpose: one input schema per API method, side by side, so every method's
// limits and messages are read (and kept consistent) in one place.
import { servicePageSchema } from '../config/servicePage.js';
import { scheduleSchema } from '../config/schedule.js';
import { templatesSchema } from '../config/template.js';
import { z } from 'zod';
import { CONFIG_SECTIONS } from '../config/department.js';
import { calendarSchema, catalogSchema, departmentName, policySchema } from '../config/schema.js';
import { MAX_ATTACHMENT_BYTES } from '../core/attachment.js';
import { hasHiddenCharacters } from '../core/text.js';
import { isInstant } from '../ops/operationSchema.js';
import { PRIORITIES } from '../core/priority.js';
import { STATUSES } from '../core/status.js';
import { TREND_STEPS } from '../reviews/trends.js';
import { isDayText } from '../sla/calendar.js';
import { LINK_KINDS } from '../core/links.js';
import type { NotifyKind } from '../notify/policy.js';
import { NOTIFY_KINDS } from '../notify/policy.js';
import type { ApiMethod } from './methods.js';
import { NAMED_CHANGES_LIMIT } from '../core/changes.js';

/** "X is required." when a field is missing, "X must be …" when it is there but wrong. */
const complaint = (label: string, what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${label} is required.` : `${label} must be ${what}.`;

const text = (label: string, max: number) =>
  z
    .string({ error: complaint(label, 'text') })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is too long (at most ${max} characters).`);

/** A one-line name people read (a title, a person, a file): nothing in it may hide or reorder what is shown. */
const visible = (label: string, max: number) =>
  text(label, max).refine(
    (v) => !hasHiddenCharacters(v),
    `${label} cannot hold control or text-direction characters (such as U+202E, which makes “fdp.exe” read as “exe.pdf”).`,
  );

const department = (label: string) => visible(label, 80);
const requestId = z.string({ error: complaint('Request id', 'text') }).regex(/^[0-9a-f-]{36}$/, 'That is not a request id.');
const isoInstant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: complaint(label, 'an ISO-8601 date and time, e.g. 2026-12-01T17:00:00Z') })
    .refine(isInstant, `${label} must be a real date between 1970 and 2200.`);

const none = z.strictObject({});
/** A person on the roster, by their device's public key. */
const personKey = z
  .string({ error: complaint('Person', 'a key from the People screen') })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'That is not a person’s key from the People screen.');
export const QUEUE_VIEWS = ['incoming', 'escalated', 'outgoing', 'waiting', 'assigned', 'watching', 'all'] as const;
const VIEW_NAMES = 'incoming, outgoing, assigned, watching or all';
const queueView = z.enum(QUEUE_VIEWS, { error: complaint('View', VIEW_NAMES) });

/** A queue as a person set it up and named it: view, search words, filters and order. */
export const savedViewSchema = z.strictObject({
  name: text('View name', 60),
  view: queueView,
  query: z.string({ error: complaint('Search', 'text') }).max(200, 'The search is too long (at most 200 characters).'),
  filters: z.strictObject(
    {
      status: z.enum(['any', ...STATUSES], { error: complaint('Status filter', 'a status or "any"') }),
      priority: z.enum(['any', ...PRIORITIES], { error: complaint('Priority filter', 'a priority or "any"') }),
      due: z.enum(['any', 'overdue', 'today', 'week'], { error: complaint('Due filter', 'any, overdue, today or week') }),
      shortNotice: z.boolean({ error: complaint('Short notice filter', 'true or false') }),
      sort: z.enum(['due', 'priority', 'age', 'updated'], { error: complaint('Sort', 'due, priority, age or updated') }),
      // Added after the first saved views were written: defaults keep those readable.
      fromDepartment: z
        .string({ error: complaint('Requester department filter', 'a department or ""') })
        .max(80)
        .default(''),
      toDepartment: z
        .string({ error: complaint('Provider department filter', 'a department or ""') })
        .max(80)
        .default(''),
      /** '' any, '-' nobody, else a person's name. */
      assignee: z
        .string({ error: complaint('Assignee filter', 'a name, "-" or ""') })
        .max(80)
        .default(''),
      group: z.enum(['none', 'status', 'assignee'], { error: complaint('Group by', 'none, status or assignee') }).default('none'),
    },
    { error: complaint('Filters', 'an object with status, priority, due, shortNotice and sort') },
  ),
});
export type SavedView = z.output<typeof savedViewSchema>;
const priority = z.enum(PRIORITIES, { error: complaint('Priority', 'one of P1, P2, P3, P4') });
/** A template (by its department and id) and the answers to its questions. */
const launching = z.strictObject({
  department: departmentName,
  templateId: text('Template', 40),
  answers: z.record(z.string().max(40), z.string({ error: complaint('An answer', 'text') }).max(2_000, 'An answer is at most 2,000 characters.'), {
    error: complaint('Answers', 'answers by question'),
  }),
});

/** A review's period (from inclusive, to exclusive) and its filters. */
const reviewFields = {
  from: isoInstant('From'),
  to: isoInstant('To'),
  typeId: text('Request type', 40).optional(),
  priority: priority.optional(),
};
interface Period {
  from: string;
  to: string;
}
const reviewNarrowing = <T extends z.core.$ZodLooseShape>(more: T) =>
  z.strictObject({ ...reviewFields, ...more }).refine((p) => Date.parse((p as Period).to) > Date.parse((p as Period).from), {
    message: 'The period ends before it starts: choose a "to" date after the "from" date.',
    path: ['to'],
  });

export const apiInputSchemas = {
  getSession: none,
  completeSetup: z.strictObject({
    name: visible('Your name', 80),
    department: department('Your department'),
    sharePath: text('Shared folder', 1024),
  }),
  updateProfile: z.strictObject({
    name: visible('Your name', 80).optional(),
    department: department('Department').optional(),
  }),
  listRequests: z
    .strictObject({
      view: queueView,
      includeClosed: z.boolean({ error: complaint('Include closed', 'true or false') }).default(false),
      /** All departments only: narrowed in main, which sends the first OVERVIEW_LIMIT rows. */
      narrow: savedViewSchema.pick({ query: true, filters: true }).optional(),
      /**
       * Only these requests (a change named them): the rows among them the view holds, with every
       * count, so a queue is patched instead of listed again. Not for All departments, whose rows
       * are cut and ordered in main.
       */
      only: z.array(requestId).max(NAMED_CHANGES_LIMIT, `At most ${NAMED_CHANGES_LIMIT} requests at a time.`).optional(),
    })
    .refine((input) => !(input.only && input.view === 'all'), { message: 'All departments is always listed whole.', path: ['only'] }),
  searchRequests: z.strictObject({
    query: z.string({ error: complaint('Search', 'text') }).max(200, 'The search is too long (at most 200 characters).'),
    view: queueView,
    includeClosed: z.boolean({ error: complaint('Include closed', 'true or false') }).default(false),
  }),
  getRequest: z.strictObject({ id: requestId }),
  createRequest: z.strictObject({
    toDepartment: department('To department'),
    typeId: text('Request type', 40),
    title: visible('Title', 200),
    details: z
      .string({ error: complaint('Details', 'text') })
      .max(20_000, 'Details are too long (at most 20,000 characters).')
      .default(''),
    /** Omitted: the request type's default priority. */
    priority: priority.optional(),
    neededBy: isoInstant('Needed-by'),
    form: z.record(z.string(), z.string({ error: 'Every form answer must be text.' }), { error: complaint('Form', 'answers by field') }).default({}),
  }),
  escalateRequest: z.strictObject({
    id: requestId,
    reason: z
      .string({ error: complaint('Reason', 'text') })
      .trim()
      .min(1, 'Say why you escalate: the leads who are told read it first.')
      .max(2_000, 'A reason is at most 2,000 characters.'),
  }),
  /** The requester's corrections: only the fields given change (each its own change in the history). */
  editRequest: z
    .strictObject({
      id: requestId,
      title: visible('Title', 200).optional(),
      details: z
        .string({ error: complaint('Details', 'text') })
        .max(20_000, 'Details are too long (at most 20,000 characters).')
        .optional(),
      form: z.record(z.string(), z.string({ error: 'Every form answer must be text.' }), { error: complaint('Form', 'answers by field') }).optional(),
    })
    .refine((i) => i.title !== undefined || i.details !== undefined || i.form !== undefined, 'Change the title, the details or an answer.'),
  reopenRequest: z.strictObject({
    id: requestId,
    reason: z
      .string({ error: complaint('Reason', 'text') })
      .trim()
      .min(1, 'Say what is still wrong: the providing department reads it first.')
      .max(2_000, 'A reason is at most 2,000 characters.'),
  }),
  transferRequest: z.strictObject({
    id: requestId,
    toDepartment: department('To department'),
    typeId: text('Request type', 40),
    note: z
      .string({ error: complaint('Note', 'text') })
      .trim()
      .max(2_000, 'The note is too long (at most 2,000 characters).')
      .optional(),
  }),
  rateRequest: z.strictObject({
    id: requestId,
    again: z.boolean({ error: complaint('Again', 'true or false') }),
    comment: z
      .string({ error: complaint('Comment', 'text') })
      .trim()
      .max(2_000, 'A comment is at most 2,000 characters.')
      .optional(),
  }),
  getReview: reviewNarrowing({}),
  /** A cell's requests (both departments), a row's or column's (one), or every request of the period (none). */
  getReviewRequests: reviewNarrowing({ requester: department('Requesting department').optional(), provider: department('Providing department').optional() }),
  getReviewTrends: reviewNarrowing({
    step: z.enum(TREND_STEPS, { error: complaint('Step', 'week or month') }),
    requester: department('Requesting department').optional(),
    provider: department('Providing department').optional(),
  }),
  getDepartmentReview: reviewNarrowing({ department: department('Department') }),
  proposeDate: z.strictObject({
    id: requestId,
    neededBy: isoInstant('Needed-by'),
    reason: z
      .string({ error: complaint('Reason', 'text') })
      .trim()
      .min(1, 'Say why this date: the other department reads it before it answers.')
      .max(2_000, 'A reason is at most 2,000 characters.'),
  }),
  /** `proposal`: the proposal's id, or the request's own id to accept a short-notice request's date as asked. */
  acceptDate: z.strictObject({ id: requestId, proposal: text('Proposal', 120) }),
  changeStatus: z
    .strictObject({
      id: requestId,
      status: z.enum(STATUSES, { error: complaint('Status', `one of ${STATUSES.join(', ')}`) }),
      note: z
        .string({ error: complaint('Note', 'text') })
        .trim()
        .max(2_000, 'The note is too long (at most 2,000 characters).')
        .optional(),
      resumeAt: isoInstant('Resume date').optional(),
    })
    .refine((i) => !i.resumeAt || i.status === 'waiting_on_requester', 'A resume date only goes with waiting on requester.'),
  changePriority: z.strictObject({ id: requestId, priority }),
  assignRequest: z.strictObject({ id: requestId, assignee: visible('Assignee', 80).nullable() }),
  addComment: z.strictObject({
    id: requestId,
    body: text('Comment', 20_000),
    /** An internal note: for the writer's own department only, never a reply. */
    internal: z.boolean({ error: complaint('Internal', 'true or false') }).default(false),
  }),
  watchRequest: z.strictObject({ id: requestId, watching: z.boolean({ error: complaint('Watching', 'true or false') }) }),
  linkRequest: z.strictObject({
    id: requestId,
    kind: z.enum(LINK_KINDS, { error: complaint('Link', 'parent or duplicate') }),
    /** The other request's key (as shown, e.g. 3F9A1C) or id. */
    other: text('Other request', 40),
    linked: z.boolean({ error: complaint('Linked', 'true or false') }),
  }),
  bulkUpdate: z.strictObject({
    ids: z
      .array(requestId, { error: complaint('Requests', 'a list of request ids') })
      .min(1, 'Select at least one request.')
      .max(1_000, 'At most 1,000 requests at once.'),
    action: z.discriminatedUnion(
      'kind',
      [z.strictObject({ kind: z.literal('acknowledge') }), z.strictObject({ kind: z.literal('assign'), assignee: visible('Assignee', 80).nullable() })],
      { error: complaint('Action', 'acknowledge or assign') },
    ),
  }),
  addAttachment: z.strictObject({
    id: requestId,
    name: visible('File name', 200).refine((n) => !/[\\/]/.test(n), 'A file name cannot contain slashes.'),
    mime: z
      .string({ error: complaint('File type', 'text') })
      .max(200)
      .default('application/octet-stream'),
    /** The file's bytes, base64. */
    data: z
      .base64({ error: complaint('File', 'the file’s bytes in base64') })
      .refine(
        (b) => Math.floor((b.length * 3) / 4) - (b.endsWith('==') ? 2 : b.endsWith('=') ? 1 : 0) <= MAX_ATTACHMENT_BYTES,
        `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB, the most one attachment may be. Share it through a link in a comment instead.`,
      ),
  }),
  getAttachment: z.strictObject({ id: requestId, attachment: z.string({ error: complaint('Attachment', 'an attachment id') }).max(300) }),
  getConfig: none,
  saveDepartmentConfig: z.discriminatedUnion(
    'section',
    [
      z.strictObject({ department: departmentName, section: z.literal('calendar'), value: calendarSchema }),
      z.strictObject({ department: departmentName, section: z.literal('policy'), value: policySchema }),
      z.strictObject({ department: departmentName, section: z.literal('catalog'), value: catalogSchema }),
    ],
    { error: complaint('Section', CONFIG_SECTIONS.join(', ')) },
  ),
  saveConfidentialTypes: z.strictObject({
    department: departmentName,
    types: z
      .array(z.string().regex(/^[A-Za-z][\w-]{0,39}$/, 'A request type id is a short word.'), { error: complaint('Types', 'a list of request type ids') })
      .max(100),
  }),
  saveServicePage: z.strictObject({ department: departmentName, page: servicePageSchema }),
  saveTemplates: z.strictObject({ department: departmentName, templates: templatesSchema }),
  /** A launch's plan: the template (by its department and id) and the answers to its questions. */
  planLaunch: launching,
  launchTemplate: launching,
  moveAnchor: z.strictObject({
    id: requestId,
    anchor: z.string({ error: complaint('Date', 'a date such as 2027-01-04') }).refine(isDayText, 'The date must be a day such as 2027-01-04.'),
  }),
  getSchedules: z.strictObject({ department: department('Department') }),
  saveSchedule: z.strictObject({ department: department('Department'), schedule: scheduleSchema }),
  addDepartment: z.strictObject({ name: departmentName }),
  getSyncStatus: none,
  syncNow: none,
  getPreferences: none,
  updatePreferences: z.strictObject({
    notifications: z
      .strictObject(
        Object.fromEntries(NOTIFY_KINDS.map((k) => [k, z.boolean({ error: `${k} must be true or false.` }).optional()])) as Record<
          NotifyKind,
          z.ZodOptional<z.ZodBoolean>
        >,
      )
      .optional(),
    openAtLogin: z.boolean({ error: complaint('Start at login', 'true or false') }).optional(),
  }),
  saveView: savedViewSchema,
  deleteView: z.strictObject({ name: text('View name', 60) }),
  pauseNotifications: z.strictObject({
    until: isoInstant('Pause until').nullable(),
  }),
  getPeople: none,
  turnOnRoles: none,
  askToJoin: z.strictObject({
    departments: z
      .array(department('Department'), { error: complaint('Departments', 'a list of departments') })
      .min(1, 'Choose at least one department to join.')
      .max(20, 'At most 20 departments at a time.'),
  }),
  grantRole: z.strictObject({
    key: personKey,
    role: z.enum(['admin', 'lead', 'member'], { error: complaint('Role', 'admin, lead or member') }),
    department: department('Department').optional(),
  }),
  revokeRole: z.strictObject({
    key: personKey,
    role: z.enum(['admin', 'lead', 'member', 'all'], { error: complaint('Role', 'admin, lead, member or all') }),
    department: department('Department').optional(),
    reason: z
      .string({ error: complaint('Reason', 'text') })
      .max(2_000, 'The reason is too long (at most 2,000 characters).')
      .optional(),
  }),
} satisfies Record<ApiMethod, z.ZodType>;

export type ApiInputs = { [M in ApiMethod]: z.input<(typeof apiInputSchemas)[M]> };
export type ApiParsedInputs = { [M in ApiMethod]: z.output<(typeof apiInputSchemas)[M]> };

/** One sentence naming every field that is wrong, for a person to read. */
export function describeInvalidInput(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `Unexpected field(s): ${issue.keys.join(', ')}.`;
      return issue.message;
    })
    .join(' ');
}
