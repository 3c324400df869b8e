import type { Profile } from '../core/actor.js';
import type { DepartmentConfig } from '../config/department.js';
import type { ServicePage } from '../config/servicePage.js';
import type { Template } from '../config/template.js';
import type { Schedule } from '../config/schedule.js';
import type { PlannedStep } from '../config/chainPlan.js';
import type { PairFigures, ReviewRow } from '../reviews/pairFigures.js';
import type { DepartmentReview } from '../reviews/departmentReview.js';
import type { TrendPoint } from '../reviews/trends.js';
import type { RequestDetail, RequestSummary } from '../model/request.js';
import type { NotificationIntent, NotifyPrefs } from '../notify/policy.js';
import type { SyncStatus } from '../core/syncStatus.js';
import type { Status } from '../core/status.js';
import type { ApiMethod, EventName } from './methods.js';
import type { Result } from './result.js';
import type { ApiInputs, QUEUE_VIEWS, SavedView } from './schemas.js';

export type QueueView = (typeof QUEUE_VIEWS)[number];

/** This computer's person on the share's roster (docs/sync.md §Roster). */
export interface Membership {
  /** A member (or lead) of some department: what they do there counts. Unverified: only their requests do, marked so. */
  verified: boolean;
  /** Departments they work in (member or lead): the only ones they may act for. */
  departments: string[];
  leads: string[];
  admin: boolean;
  /** Departments asked to join and not yet answered. */
  asking: string[];
  /** The device key's fingerprint, for a lead to compare before approving. */
  fingerprint: string;
  /** Requests to join that this person may answer (as a lead of the department asked for, or an admin). */
  waiting: number;
}

export interface Session {
  /** Null until first-run setup is complete. */
  profile: Profile | null;
  /** Null on a share without a roster (one made before keys): everyone may act for any department, as before. */
  membership: Membership | null;
  deviceId: string;
  departments: string[];
  sharePath: string | null;
  /** The folder offered on first run: inside the user's data folder, so one machine works at once. */
  defaultSharePath: string;
  dataDir: string;
}

/** The All departments overview sends at most this many rows: the first, as narrowed and ordered. */
export const OVERVIEW_LIMIT = 2_000;

export interface RequestList {
  items: RequestSummary[];
  /** How many rows the view holds as narrowed; more than `items` when the overview was cut at OVERVIEW_LIMIT. */
  total: number;
  /** Open requests in each view. */
  counts: Record<QueueView, number>;
  /** People of the user's department (who work can be assigned to), by name. */
  members: string[];
}

/** Requests among a view whose words (title, details, replies, the user's department's notes, file names) hold every searched word. */
export interface SearchResult {
  query: string;
  ids: string[];
}

export interface BulkResult {
  /** Requests changed. */
  done: string[];
  /** Requests left as they were, each with why. */
  skipped: { id: string; key: string; reason: string }[];
}

export interface AttachmentFile {
  name: string;
  mime: string;
  /** base64 */
  data: string;
}

/** Every department's configuration, as the share says it is now. */
export interface Config {
  /** `confidentialTypes`: the request types whose requests are sealed to the two departments (docs/sync.md §Confidential requests). */
  /** `service`: what the department says of itself (its service page), for anyone to read. */
  departments: { name: string; config: DepartmentConfig; confidentialTypes: string[]; service: ServicePage; templates: Template[] }[];
}

/** A recurring request as the Recurring screen shows it: what it is, whether it runs, what comes next and what it made. */
export interface ScheduleView {
  schedule: Schedule;
  state: 'active' | 'paused' | 'ended';
  /** The next date it will ask for that it has not asked for yet (skipped dates left out), within 400 days. */
  next: string | null;
  /** Why it cannot ask (its type left the catalog, its department is gone), or null. */
  problem: string | null;
  /** What it asked for, the latest first. */
  history: { date: string; id: string; title: string; status: Status; neededBy: string }[];
}

export interface Schedules {
  schedules: ScheduleView[];
  /** Whether this person may add, change, pause or end the department's recurring requests (its leads). */
  mayEdit: boolean;
}

export interface Preferences {
  notifications: NotifyPrefs;
  /** Notifications are held until then (and then summarised); null when not paused. */
  pausedUntil: string | null;
  openAtLogin: boolean;
  /** The person's named queues, in the order they were saved. */
  savedViews: SavedView[];
}

export interface ApiOutputs {
  getSession: Session;
  completeSetup: Session;
  updateProfile: Session;
  listRequests: RequestList;
  searchRequests: SearchResult;
  getRequest: RequestDetail;
  createRequest: RequestDetail;
  changeStatus: RequestDetail;
  escalateRequest: RequestDetail;
  proposeDate: RequestDetail;
  editRequest: RequestDetail;
  reopenRequest: RequestDetail;
  transferRequest: RequestDetail;
  rateRequest: RequestDetail;
  getReview: { pairs: PairFigures[]; departments: string[]; total: number };
  getReviewRequests: { rows: ReviewRow[] };
  getReviewTrends: {
    points: TrendPoint[];
    shortNotice: { department: string; count: number; shortNotice: number; shortNoticeMet: number }[];
    backlog: { label: string; open: number; waitingOnRequester: number }[];
  };
  getDepartmentReview: DepartmentReview;
  acceptDate: RequestDetail;
  changePriority: RequestDetail;
  assignRequest: RequestDetail;
  addComment: RequestDetail;
  watchRequest: RequestDetail;
  linkRequest: RequestDetail;
  bulkUpdate: BulkResult;
  addAttachment: RequestDetail;
  getAttachment: AttachmentFile;
  getConfig: Config;
  saveDepartmentConfig: Config;
  saveConfidentialTypes: Config;
  saveServicePage: Config;
  saveTemplates: Config;
  planLaunch: { steps: PlannedStep[]; problems: string[] };
  launchTemplate: RequestDetail;
  moveAnchor: RequestDetail;
  getSchedules: Schedules;
  saveSchedule: Schedules;
  addDepartment: Config;
  getSyncStatus: SyncStatus;
  syncNow: SyncStatus;
  getPreferences: Preferences;
  updatePreferences: Preferences;
  pauseNotifications: Preferences;
  saveView: Preferences;
  deleteView: Preferences;
  getPeople: People;
  askToJoin: Session;
  turnOnRoles: Session;
  grantRole: People;
  revokeRole: People;
}

/** A person (one device's key) on the roster, or asking to join it. */
export interface Person {
  key: string;
  fingerprint: string;
  name: string;
  admin: boolean;
  leads: string[];
  members: string[];
  asking: string[];
  removed: boolean;
  /** This computer's own person. */
  me: boolean;
}

/** A change some machine made that the rules passed over: kept in the log, listed for admins. */
export interface RefusedChange {
  at: string;
  who: string;
  department: string;
  what: string;
  /** The request's key, or "roster" / "configuration". */
  on: string;
  why: string;
}

export interface People {
  people: Person[];
  /** Only for admins; empty for everyone else. */
  refused: RefusedChange[];
}

/** Request/response methods: each takes one plain object and answers a result envelope. */
export type AppApi = { [M in ApiMethod]: (input: ApiInputs[M]) => Promise<Result<ApiOutputs[M]>> };

/** Main → renderer pushes. */
export interface AppEvents {
  /** The requests that changed; empty when so many changed that every view should reload. */
  requestsChanged: { ids: string[] };
  sessionChanged: Session;
  syncStatusChanged: SyncStatus;
  /** A department's calendar, policy or catalog changed (here or on another machine). */
  configChanged: Config;
  /** Something to tell the person; the desktop shell shows it natively, the browser as a toast. */
  notification: NotificationIntent;
  preferencesChanged: Preferences;
  /** The desktop shell was asked (tray menu, a notification) to show something. */
  focus: { request: string } | { screen: 'incoming' | 'waiting' | 'preferences' | 'people' | 'recurring' };
  /** A minute has passed: SLA clocks in lists and the open request have moved though nothing changed. */
  clocksMoved: { at: string };
}

export type AppEvent = { [E in EventName]: { name: E; payload: AppEvents[E] } }[EventName];

/** What the preload exposes on `window.interdesk`: one function per method, and one subscription. */
export type PreloadBridge = AppApi & { onEvent(listener: (event: AppEvent) => void): () => void };
