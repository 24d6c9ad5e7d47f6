import type { Application } from '../../domain/shared/application.ts';
import { type RegistrationForm, storedRegistrationFormSchema } from '../../domain/training/registration.ts';
import { getApplication } from './applications.ts';
import { now } from './clock.ts';
import { releaseAndPromote } from './training-seats.ts';
import { getStoredSession, type StoredSession } from './training-sessions.ts';

export interface LoadedRegistration {
  application: Application;
  form: RegistrationForm;
  stored: StoredSession;
}

/** A TRAINING application with its stored form and its session; both exist while the workflow runs. */
export const loadRegistration = async (applicationId: string): Promise<LoadedRegistration> => {
  const application = await getApplication(applicationId);
  if (!application) throw new Error(`Registration ${applicationId} does not exist`);
  const form = storedRegistrationFormSchema.parse(application.form);
  const stored = await getStoredSession(form.sessionCode);
  if (!stored) throw new Error(`Session ${form.sessionCode} of registration ${applicationId} does not exist`);
  return { application, form, stored };
};

/**
 * An instant of our clock as the workflow engine must wait for it. Our clock may be shifted
 * (PLATFORM_CLOCK_OFFSET_MS) while the engine's runs true, so the distance is kept, not the instant
 * (as in steps/open-public-notice.ts); the local cloud's time scale then shortens the distance.
 */
export const engineInstant = (instant: Date): string =>
  new Date(instant.getTime() - (now().getTime() - Date.now())).toISOString();

/** Withdrawal of a registration: its seat or waitlist place is released and the next in line promoted. */
export const releaseRegistrationPlace = async (application: Application) => {
  const form = storedRegistrationFormSchema.parse(application.form);
  return releaseAndPromote(form.sessionCode, application.id);
};
