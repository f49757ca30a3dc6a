'use server';

import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { getDb } from '@/db';
import { runAction } from '@/server/action';
import { saveCommunity } from '@/server/master-data/communities';
import { saveAgent } from '@/server/master-data/agents';
import { saveWorkforceEstimate } from '@/server/master-data/workforce';
import { addReferenceRate } from '@/server/master-data/rates';
import type { Permission } from '@/domain/permissions';
import { formatDate } from '@/domain/format';
import {
  agentSchema,
  communitySchema,
  rateSchema,
  workforceSchema,
  type MasterActionState,
  type MasterResult,
} from '@/domain/master-data';
import { interpolate, type Messages } from '@/i18n';

type MasterMessages = Messages['master'];
type MessageKey = { [K in keyof MasterMessages]: MasterMessages[K] extends string ? K : never }[keyof MasterMessages];

/**
 * Every master-data action: a signed-in caller with the permission (the data layer checks again, with
 * the region), the form read by the schema it shares with the browser, the write with its audit entry,
 * then the pages that show the data are refreshed.
 */
async function runMasterAction<S extends z.ZodType>(args: {
  name: string;
  permission: Permission;
  schema: S;
  values: unknown;
  save: (input: z.output<S>, caller: Parameters<typeof saveCommunity>[1]['caller']) => Promise<MasterResult>;
  success: (input: z.output<S>, t: MasterMessages, result: Extract<MasterResult, { ok: true }>, locale: 'id' | 'en') => string;
  paths: string[];
}): Promise<MasterActionState> {
  return runAction({
    name: args.name,
    permission: args.permission,
    schema: args.schema,
    values: args.values,
    words: ({ master: t }) => ({
      forbidden: t.forbidden,
      failed: t.failed,
      invalid: t.fixErrors,
      fieldMessage: (issue) => (issue.message in t && typeof t[issue.message as MessageKey] === 'string' ? t[issue.message as MessageKey] : t.fixErrors),
    }),
    run: async ({ input, caller, locale, messages: { master: t } }): Promise<MasterActionState> => {
      const result = await args.save(input, caller);
      if (!result.ok) {
        const values = { ...result.values };
        if (values.date) values.date = formatDate(values.date, locale);
        const message = interpolate(t[result.reason], values);
        return { ok: false, message, fieldErrors: result.field ? { [result.field]: message } : undefined };
      }
      for (const path of args.paths) revalidatePath(path);
      return { ok: true, message: args.success(input, t, result, locale) };
    },
  });
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export async function saveCommunityAction(_previous: MasterActionState | null, form: FormData): Promise<MasterActionState> {
  return runMasterAction({
    name: 'master-communities',
    permission: 'manage:field-network',
    schema: communitySchema,
    values: {
      id: text(form, 'id'),
      name: text(form, 'name'),
      type: text(form, 'type'),
      villageCode: text(form, 'villageCode'),
      occupationCode: text(form, 'occupationCode'),
      foundedOn: text(form, 'foundedOn'),
    },
    save: async (input, caller) => saveCommunity(await getDb(), { caller, input }),
    success: (input, t, result) => interpolate(result.created ? t.communities.created : t.communities.saved, { name: input.name }),
    paths: ['/admin/master', '/admin/master/communities', '/communities', '/'],
  });
}

export async function saveAgentAction(_previous: MasterActionState | null, form: FormData): Promise<MasterActionState> {
  return runMasterAction({
    name: 'master-agents',
    permission: 'manage:field-network',
    schema: agentSchema,
    values: {
      editing: text(form, 'editing'),
      code: text(form, 'code'),
      name: text(form, 'name'),
      villageCode: text(form, 'villageCode'),
      communityIds: form.getAll('communityIds').filter((value) => typeof value === 'string'),
      supervisorId: text(form, 'supervisorId'),
      phone: text(form, 'phone'),
      activeFrom: text(form, 'activeFrom'),
      activeTo: text(form, 'activeTo'),
    },
    save: async (input, caller) => saveAgent(await getDb(), { caller, input }),
    success: (input, t, result) => interpolate(result.created ? t.agents.created : t.agents.saved, { code: input.code }),
    paths: ['/admin/master', '/admin/master/agents', '/agents', '/'],
  });
}

export async function saveWorkforceAction(_previous: MasterActionState | null, form: FormData): Promise<MasterActionState> {
  return runMasterAction({
    name: 'master-workforce',
    permission: 'manage:reference-data',
    schema: workforceSchema,
    values: {
      regionCode: text(form, 'regionCode'),
      year: text(form, 'year'),
      occupationCode: text(form, 'occupationCode'),
      informalWorkers: text(form, 'informalWorkers'),
      source: text(form, 'source'),
      estimate: form.get('estimate'),
    },
    save: async (input, caller) => saveWorkforceEstimate(await getDb(), { caller, input }),
    success: (input, t) => interpolate(t.workforce.saved, { region: input.regionCode, year: input.year }),
    paths: ['/admin/master', '/admin/master/workforce', '/villages', '/'],
  });
}

export async function addRateAction(_previous: MasterActionState | null, form: FormData): Promise<MasterActionState> {
  return runMasterAction({
    name: 'master-rates',
    permission: 'manage:reference-data',
    schema: rateSchema,
    values: {
      key: text(form, 'key'),
      category: text(form, 'category'),
      unit: text(form, 'unit'),
      value: text(form, 'value'),
      effectiveFrom: text(form, 'effectiveFrom'),
      source: text(form, 'source'),
    },
    save: async (input, caller) => addReferenceRate(await getDb(), { caller, input }),
    success: (input, t, _result, locale) => interpolate(t.rates.added, { key: input.key, date: formatDate(input.effectiveFrom, locale) }),
    paths: ['/admin/master', '/admin/master/rates'],
  });
}
