import { describe, expect, it } from 'vitest';
import {
  identityDigest,
  needsEmployerConfirmation,
  registrationFormSchema,
  registrationRefusal,
  storedRegistrationFormSchema,
} from '../../../../domain/training/registration.ts';
import { sampleRegistration, sampleResidentId } from '../../../../local/training-demo.ts';

const session = {
  code: 'WH-2026-PX01',
  audiences: ['ENTERPRISE_STAFF' as const, 'INDIVIDUALS' as const],
  registrationDeadline: '2026-06-30',
  employerConfirmationRequired: false,
};

describe('the registration form', () => {
  it('keeps only the masked ID number and a digest salted with the session', () => {
    const parsed = registrationFormSchema.parse(sampleRegistration('WH-2026-PX01', 7));
    const id = sampleResidentId(7);
    expect(parsed).not.toHaveProperty('idNumber');
    expect(JSON.stringify(parsed)).not.toContain(id.slice(0, 14));
    expect(parsed.idNumberMasked).toBe(`${'*'.repeat(14)}${id.slice(-4)}`);
    expect(parsed.identityDigest).toBe(identityDigest('WH-2026-PX01', id));
    // The same person in another session has another digest: sessions cannot be linked through it.
    expect(identityDigest('WH-2026-PX02', id)).not.toBe(parsed.identityDigest);
    expect(storedRegistrationFormSchema.parse(parsed)).toEqual(parsed);
  });

  it('requires the employer of enterprise staff, and refuses unknown fields', () => {
    const staff = registrationFormSchema.safeParse(
      sampleRegistration('WH-2026-PX01', 1, { category: 'ENTERPRISE_STAFF' }),
    );
    expect(staff.success).toBe(false);
    expect(staff.error?.issues[0]?.path).toEqual(['employerUscc']);
    expect(
      registrationFormSchema.safeParse({ ...sampleRegistration('WH-2026-PX01', 1), extra: true }).success,
    ).toBe(false);
    expect(
      registrationFormSchema.safeParse(sampleRegistration('WH-2026-PX01', 1, { employerUscc: '123' }))
        .success,
    ).toBe(false);
  });
});

describe('registration rules of a session', () => {
  const individual = { category: 'INDIVIDUALS' as const, employerUscc: undefined };

  it('accepts until the deadline, for the session’s audiences', () => {
    expect(registrationRefusal(session, individual, '2026-06-30')).toBeUndefined();
    expect(registrationRefusal(session, individual, '2026-07-01')?.en).toContain('closed on 2026-06-30');
    expect(
      registrationRefusal(session, { category: 'OFFICIALS', employerUscc: undefined }, '2026-06-01')?.zh,
    ).toContain('仅面向企业从业人员、个人');
  });

  it('asks for an employer when the session needs its confirmation, and only then waits for it', () => {
    const confirming = { ...session, employerConfirmationRequired: true };
    expect(registrationRefusal(confirming, individual, '2026-06-01')?.en).toContain(
      "employer's confirmation",
    );
    const named = { category: 'INDIVIDUALS' as const, employerUscc: '91340200MA2N3ENT00' };
    expect(registrationRefusal(confirming, named, '2026-06-01')).toBeUndefined();
    expect(needsEmployerConfirmation(confirming, named)).toBe(true);
    expect(needsEmployerConfirmation(session, named)).toBe(false);
  });
});
