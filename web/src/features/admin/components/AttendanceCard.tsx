import { App, Button, Card, Checkbox, Empty, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { chinaDate } from '../../../../../domain/shared/calendar.ts';
import type { RosterLine } from '../../../../../domain/training/registration.ts';
import { sessionDays, type TrainingSessionView } from '../../../../../domain/training/session.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { usePutAttendance } from '../api/training.ts';

const texts = {
  title: { zh: '出勤登记', en: 'Attendance' },
  day: { zh: '培训日', en: 'Day' },
  present: { zh: '出勤学员', en: 'Present' },
  save: { zh: '保存当日出勤', en: "Save the day's attendance" },
  saved: { zh: '已保存出勤', en: 'Attendance saved' },
  notYet: {
    zh: '培训尚未开始，开班当天起可登记出勤',
    en: 'Attendance can be recorded from the first day of the session',
  },
  nobody: { zh: '尚无占用名额的学员', en: 'Nobody holds a seat yet' },
  count: { zh: '{n} / {total} 人出勤', en: '{n} of {total} present' },
} satisfies Record<string, Text>;

/**
 * The office (standing in for the training base) ticks who came on each day that has come; the platform
 * decides completion from these days when attendance closes.
 */
export const AttendanceCard = ({ session, lines }: { session: TrainingSessionView; lines: RosterLine[] }) => {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const save = usePutAttendance(session.code);
  const today = chinaDate(new Date());
  const days = useMemo(() => sessionDays(session).filter((day) => day <= today), [session, today]);
  const seated = lines.filter((line) => line.seat === 'SEATED');
  const [day, setDay] = useState<string | undefined>(days.at(-1));
  const recorded = useMemo(
    () => seated.filter((line) => day && line.daysPresent.includes(day)).map((line) => line.registrationId),
    [seated, day],
  );
  const [present, setPresent] = useState<string[] | undefined>();
  const chosen = present ?? recorded;

  if (days.length === 0) {
    return (
      <Card title={t(texts.title)}>
        <Typography.Text type="secondary">{t(texts.notYet)}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card title={t(texts.title)}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text id="attendance-day">{t(texts.day)}</Typography.Text>
          <Select
            aria-labelledby="attendance-day"
            style={{ minWidth: 160 }}
            value={day}
            onChange={(next) => {
              setDay(next);
              setPresent(undefined);
            }}
            options={days.map((value) => ({ value, label: value }))}
          />
          <Typography.Text type="secondary">
            {t(texts.count).replace('{n}', String(chosen.length)).replace('{total}', String(seated.length))}
          </Typography.Text>
        </Space>
        {seated.length === 0 ? (
          <Empty description={t(texts.nobody)} />
        ) : (
          <Checkbox.Group
            aria-label={t(texts.present)}
            value={chosen}
            onChange={(values) => setPresent(values as string[])}
            options={seated.map((line) => ({
              value: line.registrationId,
              label: `${line.name}（${line.idNumberMasked.slice(-4)}）`,
            }))}
          />
        )}
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <Button
          type="primary"
          loading={save.isPending}
          disabled={!day || seated.length === 0}
          onClick={() =>
            day &&
            save.mutate(
              { date: day, present: chosen },
              {
                onSuccess: () => {
                  setPresent(undefined);
                  message.success(t(texts.saved));
                },
              },
            )
          }
        >
          {t(texts.save)}
        </Button>
      </Space>
    </Card>
  );
};
