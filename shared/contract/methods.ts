/**
 * Names only, no schemas: the preload bundles this file, and it must stay tiny.
 * Every name here has a schema in `schemas.ts` and an output type in `api.ts`.
 */
export const API_METHODS = [
  'getSession',
  'completeSetup',
  'updateProfile',
  'listRequests',
  'searchRequests',
  'getRequest',
  'createRequest',
  'changeStatus',
  'escalateRequest',
  'proposeDate',
  'editRequest',
  'reopenRequest',
  'transferRequest',
  'rateRequest',
  'getReview',
  'getReviewRequests',
  'getReviewTrends',
  'getDepartmentReview',
  'acceptDate',
  'changePriority',
  'assignRequest',
  'addComment',
  'watchRequest',
  'linkRequest',
  'bulkUpdate',
  'addAttachment',
  'getAttachment',
  'getConfig',
  'saveDepartmentConfig',
  'saveConfidentialTypes',
  'saveServicePage',
  'saveTemplates',
  'planLaunch',
  'launchTemplate',
  'moveAnchor',
  'getSchedules',
  'saveSchedule',
  'addDepartment',
  'getSyncStatus',
  'syncNow',
  'getPreferences',
  'updatePreferences',
  'pauseNotifications',
  'saveView',
  'deleteView',
  'getPeople',
  'askToJoin',
  'turnOnRoles',
  'grantRole',
  'revokeRole',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];

export const EVENT_NAMES = [
  'requestsChanged',
  'sessionChanged',
  'syncStatusChanged',
  'configChanged',
  'notification',
  'preferencesChanged',
  'focus',
  'clocksMoved',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** IPC channel for method M is `${IPC_PREFIX}M`; main → renderer pushes use IPC_EVENT_CHANNEL. */
export const IPC_PREFIX = 'interdesk:';
export const IPC_EVENT_CHANNEL = 'interdesk:event';

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}
