/**
 * User import jobs: GetCSVHeader, CreateUserImportJob, DescribeUserImportJob,
 * ListUserImportJobs, StartUserImportJob, StopUserImportJob. The job's PreSignedUrl points at
 * the emulator itself (`PUT /_emulator/user-import/<jobId>`), so a CSV uploaded there as to
 * Cognito's S3 URL is really imported: each row becomes a RESET_REQUIRED user, rows that
 * break the schema or name an existing user are counted as failed. Status moves Created →
 * Pending at StartUserImportJob, and to Succeeded / Failed when the job is next described or
 * listed (StopUserImportJob in between: Stopped, nothing imported).
 */
import { randomBytes } from 'node:crypto';
import { checkAttributes } from './attribute-schema.js';
import { epochSeconds, lookupUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import { newUser, type Pool } from './model.js';
import { paginate } from './pagination.js';
import { reqString, poolOf, type Input } from './params.js';

type JobStatus = 'Created' | 'Pending' | 'InProgress' | 'Stopping' | 'Expired' | 'Stopped' | 'Failed' | 'Succeeded';

/** One import job as stored. */
export interface ImportJob {
  id: string;
  name: string;
  roleArn: string;
  status: JobStatus;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  imported: number;
  skipped: number;
  failed: number;
  message?: string;
  /** The uploaded CSV, until the job has run. */
  csv?: string;
}

const STANDARD_COLUMNS = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified', 'address', 'updated_at',
];
const ROLE_ARN = /^arn:[\w+=/,.@-]+:iam::\d{12}:role\/[\w+=/,.@-]+$/;
const JOB_NAME = /^[\w\s+=,.@-]+$/;
/** How long an upload URL stays usable, as Cognito's pre-signed S3 URL. */
const URL_VALIDITY_MS = 24 * 3_600_000;

/** The columns an import CSV may hold, in Cognito's order (custom attributes before the two cognito: ones). */
export function csvHeader(pool: Pool): string[] {
  const custom = pool.settings.schema.filter((s) => s.Name.startsWith('custom:') && !s.DeveloperOnlyAttribute).map((s) => s.Name);
  return [...STANDARD_COLUMNS, ...custom, 'cognito:mfa_enabled', 'cognito:username'];
}

function jobs(pool: Pool): Map<string, ImportJob> {
  return (pool.importJobs ??= new Map());
}

function describe(ctx: Ctx, pool: Pool, job: ImportJob) {
  return {
    JobName: job.name,
    JobId: job.id,
    UserPoolId: pool.id,
    PreSignedUrl: `${ctx.endpoint?.() ?? ''}/_emulator/user-import/${job.id}`,
    CreationDate: epochSeconds(job.createdAt),
    ...(job.startedAt !== undefined ? { StartDate: epochSeconds(job.startedAt) } : {}),
    ...(job.completedAt !== undefined ? { CompletionDate: epochSeconds(job.completedAt) } : {}),
    Status: job.status,
    CloudWatchLogsRoleArn: job.roleArn,
    ImportedUsers: job.imported,
    SkippedUsers: job.skipped,
    FailedUsers: job.failed,
    ...(job.message ? { CompletionMessage: job.message } : {}),
  };
}

/** A job of a pool; Created jobs past their upload window expire, Pending ones run. */
function settle(ctx: Ctx, pool: Pool, job: ImportJob): ImportJob {
  if (job.status === 'Created' && ctx.clock.now() - job.createdAt > URL_VALIDITY_MS) {
    job.status = 'Expired';
    job.csv = undefined;
  }
  if (job.status === 'Pending' || job.status === 'InProgress') runImport(ctx, pool, job);
  return job;
}

function jobOf(ctx: Ctx, input: Input): { pool: Pool; job: ImportJob } {
  const pool = poolOf(ctx, input);
  const id = reqString(input, 'JobId', { max: 55 });
  const job = jobs(pool).get(id);
  if (!job) throw errors.resourceNotFound(`Import job ${id} does not exist.`);
  return { pool, job };
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      (row = []), (field = '');
    } else field += c;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  const l = v.toLowerCase();
  if (l === 'true') return true;
  if (l === 'false') return false;
  throw new Error('not a boolean');
}

function runImport(ctx: Ctx, pool: Pool, job: ImportJob): void {
  const now = ctx.clock.now();
  const finish = (status: JobStatus, message: string) => {
    job.status = status;
    job.message = message;
    job.completedAt = now;
    job.csv = undefined;
  };
  if (job.csv === undefined) return finish('Failed', 'No CSV file was uploaded to the PreSignedUrl before the job started.');
  const [header, ...rows] = parseCsv(job.csv.replace(/^\uFEFF/, ''));
  const allowed = new Set(csvHeader(pool));
  if (!header) return finish('Failed', 'The CSV file is empty.');
  const unknown = header.find((h) => !allowed.has(h));
  if (unknown !== undefined) return finish('Failed', `The CSV header has a column the user pool does not have: ${unknown.slice(0, 64)}.`);
  for (const needed of ['cognito:username', 'cognito:mfa_enabled']) if (!header.includes(needed)) return finish('Failed', `The CSV header lacks the ${needed} column.`);
  for (const cells of rows) {
    try {
      if (cells.length !== header.length) throw new Error('wrong number of fields');
      const row = Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
      const username = row['cognito:username']!;
      if (!username || username.length > 128) throw new Error('no user name');
      if (lookupUser(pool, username)) throw new Error('user exists');
      const mfa = bool(row['cognito:mfa_enabled']);
      if (mfa === undefined) throw new Error('cognito:mfa_enabled must be true or false');
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(row)) if (!k.startsWith('cognito:') && v !== '') attributes[k] = v;
      for (const k of ['email_verified', 'phone_number_verified']) if (attributes[k] !== undefined) attributes[k] = String(bool(attributes[k]));
      if (attributes.email_verified === 'true' && !attributes.email) throw new Error('email_verified without email');
      if (attributes.phone_number_verified === 'true' && !attributes.phone_number) throw new Error('phone_number_verified without phone_number');
      if (mfa && !attributes.phone_number) throw new Error('MFA needs a phone number');
      const { email_verified: _e, phone_number_verified: _p, ...checked } = attributes;
      checkAttributes(pool, checked, 'create');
      // Pools signing in with email / phone number need that attribute unique too.
      for (const a of [...pool.usernameAttributes, ...pool.aliasAttributes]) if (attributes[a] && lookupUser(pool, attributes[a])) throw new Error('alias exists');
      const user = newUser(username, now, attributes);
      user.status = 'RESET_REQUIRED';
      user.mfa.sms = mfa;
      pool.users.set(username, user);
      job.imported += 1;
    } catch {
      job.failed += 1;
    }
  }
  finish('Succeeded', 'Import Job Completed Successfully.');
}

/** Keeps an upload to a job's PreSignedUrl; false when no such job awaits one. */
export function uploadImportCsv(ctx: Ctx, jobId: string, csv: string): boolean {
  for (const pool of ctx.store.pools.values()) {
    const job = pool.importJobs?.get(jobId);
    if (!job) continue;
    settle(ctx, pool, job);
    if (job.status !== 'Created') return false;
    job.csv = csv;
    return true;
  }
  return false;
}

/** GetCSVHeader. */
export function getCsvHeader(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  return { UserPoolId: pool.id, CSVHeader: csvHeader(pool) };
}

/** CreateUserImportJob. */
export function createUserImportJob(ctx: Ctx, input: Input) {
  const name = reqString(input, 'JobName', { max: 128 });
  const pool = poolOf(ctx, input);
  const roleArn = reqString(input, 'CloudWatchLogsRoleArn', { min: 20, max: 2048 });
  if (!JOB_NAME.test(name)) throw errors.invalidParameter("1 validation error detected: Value at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
  if (!ROLE_ARN.test(roleArn)) throw errors.invalidParameter("1 validation error detected: Value at 'cloudWatchLogsRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");
  const job: ImportJob = { id: `import-${randomBytes(8).toString('base64url').replace(/[_-]/g, 'x')}`, name, roleArn, status: 'Created', createdAt: ctx.clock.now(), imported: 0, skipped: 0, failed: 0 };
  jobs(pool).set(job.id, job);
  return { UserImportJob: describe(ctx, pool, job) };
}

/** DescribeUserImportJob. */
export function describeUserImportJob(ctx: Ctx, input: Input) {
  const { pool, job } = jobOf(ctx, input);
  return { UserImportJob: describe(ctx, pool, settle(ctx, pool, job)) };
}

/** ListUserImportJobs (MaxResults 1..60 required, PaginationToken). */
export function listUserImportJobs(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  if (input.MaxResults === undefined || input.MaxResults === null) throw errors.invalidParameter("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
  const all = [...jobs(pool).values()].map((j) => settle(ctx, pool, j));
  const { page, next } = paginate(input, all, { limitMember: 'MaxResults', tokenMember: 'PaginationToken', max: 60, min: 1, scope: `imports/${pool.id}` });
  return { UserImportJobs: page.map((j) => describe(ctx, pool, j)), ...(next ? { PaginationToken: next } : {}) };
}

/** StartUserImportJob: only a Created job starts. */
export function startUserImportJob(ctx: Ctx, input: Input) {
  const { pool, job } = jobOf(ctx, input);
  settle(ctx, pool, job);
  if (job.status !== 'Created') throw new CognitoError('InvalidParameterException', `Import job ${job.id} is ${job.status}; only a job in Created status can be started.`);
  job.status = 'Pending';
  job.startedAt = ctx.clock.now();
  return { UserImportJob: describe(ctx, pool, job) };
}

/** StopUserImportJob: only a Pending or InProgress job stops. */
export function stopUserImportJob(ctx: Ctx, input: Input) {
  const { pool, job } = jobOf(ctx, input);
  if (job.status !== 'Pending' && job.status !== 'InProgress') throw new CognitoError('InvalidParameterException', `Import job ${job.id} is ${job.status}; only a Pending or InProgress job can be stopped.`);
  job.status = 'Stopped';
  job.completedAt = ctx.clock.now();
  job.message = 'The user import job was stopped.';
  job.csv = undefined;
  return { UserImportJob: describe(ctx, pool, job) };
}
