import ExcelJS from 'exceljs';
import type { RosterLine } from '../../domain/training/registration.ts';
import { audienceNames, sessionDays } from '../../domain/training/session.ts';
import type { StoredSession } from './training-sessions.ts';

// Apart from the roster queries: exceljs adds about a megabyte of bundle and half a second of module
// initialisation to every function that imports it (bench/cold-start.ts), and only the export needs it.

const seatLabel = (line: RosterLine) =>
  line.seat === 'SEATED'
    ? '已占名额 / Seated'
    : line.seat === 'WAITLISTED'
      ? `候补第 ${line.waitlistPosition} 位 / Waitlist #${line.waitlistPosition}`
      : '—';

/** The list as an .xlsx workbook: one row per registration, one column per session day. */
export const rosterWorkbook = async (
  stored: StoredSession,
  lines: readonly RosterLine[],
): Promise<Uint8Array> => {
  const { session } = stored;
  const days = sessionDays(session);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pilot-zone-workflows';
  const sheet = workbook.addWorksheet(session.code);
  sheet.columns = [
    { header: '序号 No.', key: 'no', width: 8 },
    { header: '报名编号 Registration', key: 'id', width: 38 },
    { header: '姓名 Name', key: 'name', width: 14 },
    { header: '身份证号（脱敏）ID (masked)', key: 'idNumber', width: 22 },
    { header: '电话 Phone', key: 'phone', width: 16 },
    { header: '类别 Category', key: 'category', width: 18 },
    { header: '工作单位 Employer', key: 'employer', width: 28 },
    { header: '统一社会信用代码 Employer USCC', key: 'employerUscc', width: 22 },
    { header: '报名时间 Registered at', key: 'submittedAt', width: 26 },
    { header: '名额 Seat', key: 'seat', width: 22 },
    { header: '状态 Status', key: 'status', width: 14 },
    { header: '环节 Stage', key: 'stage', width: 22 },
    ...days.map((day) => ({ header: day, key: `day:${day}`, width: 12 })),
    { header: '出勤天数 Days present', key: 'present', width: 12 },
    { header: '证书编号 Certificate', key: 'certificate', width: 20 },
  ];
  sheet.getRow(1).font = { bold: true };
  lines.forEach((line, index) => {
    sheet.addRow({
      no: index + 1,
      id: line.registrationId,
      name: line.name,
      idNumber: line.idNumberMasked,
      phone: line.phone,
      category: audienceNames[line.category].zh,
      employer: line.employerName ?? '',
      employerUscc: line.employerUscc ?? '',
      submittedAt: line.submittedAt,
      seat: seatLabel(line),
      status: line.status,
      stage: line.stage ?? '',
      ...Object.fromEntries(days.map((day) => [`day:${day}`, line.daysPresent.includes(day) ? '✓' : ''])),
      present: line.daysPresent.length,
      certificate: line.certificateNumber ?? '',
    });
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};
