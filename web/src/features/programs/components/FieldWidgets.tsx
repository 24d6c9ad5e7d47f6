import { Select } from 'antd';
import type { ComponentType } from 'react';
import { type Control, useWatch } from 'react-hook-form';
import { chinaDate } from '../../../../../domain/shared/calendar.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { formatDate } from '../../../shared/format.ts';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { usePolicies } from '../../admin/api/policies.ts';
import { useTrainingSessions } from '../../admin/api/training.ts';
import { AttachmentUpload } from '../../attachments/components/AttachmentUpload.tsx';

export interface WidgetProps {
  id: string;
  label: string;
  value: unknown;
  onChange(value: unknown): void;
  control: Control<Record<string, unknown>>;
}

const texts = {
  noPolicy: { zh: '本综试区当前没有受理中的政策', en: 'No policy of your zone is open now' },
  choosePolicyFirst: { zh: '请先选择政策', en: 'Choose the policy first' },
  noSession: { zh: '本综试区当前没有可报名的培训班', en: 'No session of your zone is open for registration' },
  seatsLeft: { zh: '余 {n} 席', en: '{n} seats left' },
  waitlist: { zh: '已满，可候补', en: 'Full: waitlist' },
} satisfies Record<string, Text>;

/** A searchable choice: typing a code or a name narrows the list, Enter takes the first match. */
const Choice = ({
  id,
  label,
  value,
  onChange,
  options,
  loading,
  empty,
}: Pick<WidgetProps, 'id' | 'label' | 'value' | 'onChange'> & {
  options: { value: string; label: string }[];
  loading: boolean;
  empty: string;
}) => (
  <Select
    id={id}
    aria-label={label}
    showSearch
    allowClear
    optionFilterProp="label"
    loading={loading}
    value={(value as string | undefined) ?? undefined}
    onChange={(next) => onChange(next ?? undefined)}
    options={options}
    notFoundContent={loading ? undefined : empty}
  />
);

const today = () => chinaDate(new Date());

/** The zone's published policies open today (the API refuses a claim under any other). */
const useOpenPolicies = () => {
  const { session } = useAuth();
  const policies = usePolicies(session?.user.zone, undefined);
  const open = (policies.data ?? []).filter(
    (policy) => policy.status === 'PUBLISHED' && policy.openDate <= today() && today() <= policy.closeDate,
  );
  return { open, loading: policies.isLoading };
};

const PolicyCodeSelect = (props: WidgetProps) => {
  const { t } = useLanguage();
  const { open, loading } = useOpenPolicies();
  return (
    <Choice
      {...props}
      loading={loading}
      empty={t(texts.noPolicy)}
      options={open.map((policy) => ({ value: policy.code, label: `${policy.code} · ${t(policy.name)}` }))}
    />
  );
};

/** The documents the chosen policy requires. */
const DocumentCodeSelect = (props: WidgetProps) => {
  const { t } = useLanguage();
  const { open, loading } = useOpenPolicies();
  const policyCode = useWatch({ control: props.control, name: 'policyCode' });
  const policy = open.find((candidate) => candidate.code === policyCode);
  return (
    <Choice
      {...props}
      loading={loading}
      empty={t(texts.choosePolicyFirst)}
      options={(policy?.requiredDocuments ?? []).map((document) => ({
        value: document.code,
        label: `${t(document.name)}（${document.code}）`,
      }))}
    />
  );
};

/** Sessions of the trainee's zone whose registration is still open, with their free seats. */
const SessionCodeSelect = (props: WidgetProps) => {
  const { t, language } = useLanguage();
  const { session } = useAuth();
  const sessions = useTrainingSessions(session?.user.zone);
  const open = (sessions.data ?? []).filter(
    (candidate) => candidate.registrationDeadline >= today() && !candidate.seats.closedAt,
  );
  return (
    <Choice
      {...props}
      loading={sessions.isLoading}
      empty={t(texts.noSession)}
      options={open.map((candidate) => ({
        value: candidate.code,
        label: [
          candidate.code,
          t(candidate.title),
          formatDate(candidate.startsAt, language),
          candidate.seats.available > 0
            ? t(texts.seatsLeft).replace('{n}', String(candidate.seats.available))
            : t(texts.waitlist),
        ].join(' · '),
      }))}
    />
  );
};

/**
 * Fields whose values come from the platform's registries, chosen from a list instead of typed, by
 * property name; every other field is drawn from its schema alone.
 */
export const fieldWidgets: Record<string, ComponentType<WidgetProps>> = {
  policyCode: PolicyCodeSelect,
  documentCode: DocumentCodeSelect,
  sessionCode: SessionCodeSelect,
  attachmentId: AttachmentUpload,
};
