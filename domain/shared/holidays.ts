/**
 * Mainland China public holidays and make-up working days (调休), as data.
 *
 * Sources: the State Council General Office notices 国务院办公厅关于2024年部分节假日安排的通知
 * (国办发明电〔2023〕7号), …2025年… (国办发明电〔2024〕12号) and …2026年… (published November 2025).
 * `offDays` ranges are the whole announced breaks, weekends included; `makeUpWorkingDays` are the
 * weekend days the notice makes working days.
 */

export type Festival =
  | 'new_year'
  | 'spring_festival'
  | 'qingming'
  | 'labour_day'
  | 'dragon_boat'
  | 'mid_autumn'
  | 'national_day'
  | 'national_day_and_mid_autumn';

export interface HolidayBreak {
  readonly festival: Festival;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Inclusive ISO dates; they may begin in the previous year (New Year) but only dates of this year count. */
  readonly offDays: { readonly from: string; readonly to: string };
  readonly makeUpWorkingDays: readonly string[];
}

export interface HolidayYear {
  readonly year: number;
  /** True until the State Council notice for the year is published and transcribed here. */
  readonly provisional: boolean;
  readonly source: string;
  readonly breaks: readonly HolidayBreak[];
}

export const holidayYears: readonly HolidayYear[] = [
  {
    year: 2024,
    provisional: false,
    source: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）',
    breaks: [
      {
        festival: 'new_year',
        nameZh: '元旦',
        nameEn: "New Year's Day",
        offDays: { from: '2024-01-01', to: '2024-01-01' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'spring_festival',
        nameZh: '春节',
        nameEn: 'Spring Festival',
        offDays: { from: '2024-02-10', to: '2024-02-17' },
        makeUpWorkingDays: ['2024-02-04', '2024-02-18'],
      },
      {
        festival: 'qingming',
        nameZh: '清明节',
        nameEn: 'Qingming Festival',
        offDays: { from: '2024-04-04', to: '2024-04-06' },
        makeUpWorkingDays: ['2024-04-07'],
      },
      {
        festival: 'labour_day',
        nameZh: '劳动节',
        nameEn: 'Labour Day',
        offDays: { from: '2024-05-01', to: '2024-05-05' },
        makeUpWorkingDays: ['2024-04-28', '2024-05-11'],
      },
      {
        festival: 'dragon_boat',
        nameZh: '端午节',
        nameEn: 'Dragon Boat Festival',
        offDays: { from: '2024-06-08', to: '2024-06-10' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'mid_autumn',
        nameZh: '中秋节',
        nameEn: 'Mid-Autumn Festival',
        offDays: { from: '2024-09-15', to: '2024-09-17' },
        makeUpWorkingDays: ['2024-09-14'],
      },
      {
        festival: 'national_day',
        nameZh: '国庆节',
        nameEn: 'National Day',
        offDays: { from: '2024-10-01', to: '2024-10-07' },
        makeUpWorkingDays: ['2024-09-29', '2024-10-12'],
      },
    ],
  },
  {
    year: 2025,
    provisional: false,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    breaks: [
      {
        festival: 'new_year',
        nameZh: '元旦',
        nameEn: "New Year's Day",
        offDays: { from: '2025-01-01', to: '2025-01-01' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'spring_festival',
        nameZh: '春节',
        nameEn: 'Spring Festival',
        offDays: { from: '2025-01-28', to: '2025-02-04' },
        makeUpWorkingDays: ['2025-01-26', '2025-02-08'],
      },
      {
        festival: 'qingming',
        nameZh: '清明节',
        nameEn: 'Qingming Festival',
        offDays: { from: '2025-04-04', to: '2025-04-06' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'labour_day',
        nameZh: '劳动节',
        nameEn: 'Labour Day',
        offDays: { from: '2025-05-01', to: '2025-05-05' },
        makeUpWorkingDays: ['2025-04-27'],
      },
      {
        festival: 'dragon_boat',
        nameZh: '端午节',
        nameEn: 'Dragon Boat Festival',
        offDays: { from: '2025-05-31', to: '2025-06-02' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'national_day_and_mid_autumn',
        nameZh: '国庆节、中秋节',
        nameEn: 'National Day and Mid-Autumn Festival',
        offDays: { from: '2025-10-01', to: '2025-10-08' },
        makeUpWorkingDays: ['2025-09-28', '2025-10-11'],
      },
    ],
  },
  {
    year: 2026,
    provisional: false,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月发布）',
    breaks: [
      {
        festival: 'new_year',
        nameZh: '元旦',
        nameEn: "New Year's Day",
        offDays: { from: '2026-01-01', to: '2026-01-03' },
        makeUpWorkingDays: ['2026-01-04'],
      },
      {
        festival: 'spring_festival',
        nameZh: '春节',
        nameEn: 'Spring Festival',
        offDays: { from: '2026-02-15', to: '2026-02-23' },
        makeUpWorkingDays: ['2026-02-14', '2026-02-28'],
      },
      {
        festival: 'qingming',
        nameZh: '清明节',
        nameEn: 'Qingming Festival',
        offDays: { from: '2026-04-04', to: '2026-04-06' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'labour_day',
        nameZh: '劳动节',
        nameEn: 'Labour Day',
        offDays: { from: '2026-05-01', to: '2026-05-05' },
        makeUpWorkingDays: ['2026-05-09'],
      },
      {
        festival: 'dragon_boat',
        nameZh: '端午节',
        nameEn: 'Dragon Boat Festival',
        offDays: { from: '2026-06-19', to: '2026-06-21' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'mid_autumn',
        nameZh: '中秋节',
        nameEn: 'Mid-Autumn Festival',
        offDays: { from: '2026-09-25', to: '2026-09-27' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'national_day',
        nameZh: '国庆节',
        nameEn: 'National Day',
        offDays: { from: '2026-10-01', to: '2026-10-07' },
        makeUpWorkingDays: ['2026-09-20', '2026-10-10'],
      },
    ],
  },
  // PROVISIONAL: replace with the State Council notice for 2027 (国务院办公厅关于2027年部分节假日安排的通知)
  // as soon as it is published. Until then only the statutory days of 全国年节及纪念日放假办法 (2024 revision)
  // are listed — lunar dates per the Purple Mountain Observatory calendar (春节 2027-02-06, 端午 06-09,
  // 中秋 09-15; 清明 falls on 04-05) — and no make-up working days or compensatory days (补休) are
  // guessed, so weekday bridges and weekend compensation will differ from the eventual notice.
  {
    year: 2027,
    provisional: true,
    source: '全国年节及纪念日放假办法（2024年修订）法定假日；待国务院办公厅2027年节假日安排通知发布后替换',
    breaks: [
      {
        festival: 'new_year',
        nameZh: '元旦',
        nameEn: "New Year's Day",
        offDays: { from: '2027-01-01', to: '2027-01-01' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'spring_festival',
        nameZh: '春节',
        nameEn: 'Spring Festival',
        // 除夕 (Fri 5 Feb) to 正月初三.
        offDays: { from: '2027-02-05', to: '2027-02-08' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'qingming',
        nameZh: '清明节',
        nameEn: 'Qingming Festival',
        offDays: { from: '2027-04-05', to: '2027-04-05' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'labour_day',
        nameZh: '劳动节',
        nameEn: 'Labour Day',
        offDays: { from: '2027-05-01', to: '2027-05-02' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'dragon_boat',
        nameZh: '端午节',
        nameEn: 'Dragon Boat Festival',
        offDays: { from: '2027-06-09', to: '2027-06-09' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'mid_autumn',
        nameZh: '中秋节',
        nameEn: 'Mid-Autumn Festival',
        offDays: { from: '2027-09-15', to: '2027-09-15' },
        makeUpWorkingDays: [],
      },
      {
        festival: 'national_day',
        nameZh: '国庆节',
        nameEn: 'National Day',
        offDays: { from: '2027-10-01', to: '2027-10-03' },
        makeUpWorkingDays: [],
      },
    ],
  },
];
