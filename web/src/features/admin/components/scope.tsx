import { Result, Select } from 'antd';
import { useMemo, useState } from 'react';
import { type ZoneCode, zones } from '../../../../../domain/shared/zones.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { zoneScope } from '../logic.ts';
import { adminTexts } from '../texts.ts';

const allZones = zones.map((zone) => zone.code);

export const zoneName = (code: string) => {
  const zone = zones.find((candidate) => candidate.code === code);
  return zone ? { zh: zone.nameZh, en: zone.nameEn } : { zh: code, en: code };
};

/** The zones the signed-in user maintains and the one chosen on the page (the office: always its own). */
export const useZoneChoice = () => {
  const { session } = useAuth();
  const scope = useMemo(() => zoneScope(session?.user, allZones), [session?.user]);
  const [chosen, setChosen] = useState<ZoneCode | undefined>(scope.zones[0]);
  const zone = chosen && scope.zones.includes(chosen) ? chosen : scope.zones[0];
  return { zone, setZone: setChosen, scope, allowed: scope.zones.length > 0 };
};

export const ZoneSelect = ({
  zone,
  onChange,
  zones: choices,
  fixed,
}: {
  zone: ZoneCode | undefined;
  onChange(zone: ZoneCode): void;
  zones: readonly ZoneCode[];
  fixed: boolean;
}) => {
  const { t } = useLanguage();
  return (
    <Select
      aria-label={t(adminTexts.zone)}
      style={{ width: 140 }}
      value={zone}
      disabled={fixed}
      onChange={onChange}
      options={choices.map((code) => ({ value: code, label: t(zoneName(code)) }))}
    />
  );
};

/** Shown instead of a page to a role that does not maintain the registries (the API refuses it too). */
export const NotForThisRole = () => {
  const { t } = useLanguage();
  return <Result status="403" title="403" subTitle={t(adminTexts.forbidden)} />;
};
