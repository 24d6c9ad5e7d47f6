import { idPathSchema } from '../../domain/shared/requests.ts';
import { findDistrict, findZone } from '../../domain/shared/zones.ts';
import { requireProgram, requireReadableApplication } from '../shared/application-service.ts';
import { renderCertificatePdf } from '../shared/certificate-document.ts';
import { conflict } from '../shared/errors.ts';
import { createApiHandler, respondBinary } from '../shared/http.ts';

/** The certificate as a PDF, for whoever may read the application (404 outside that scope). */
export const handler = createApiHandler({ path: idPathSchema }, async ({ caller, path }) => {
  const application = await requireReadableApplication(caller, path.id);
  const { certificate } = application;
  if (!certificate) {
    throw conflict(
      'NO_CERTIFICATE',
      { zh: '该申请尚未颁发证书', en: 'No certificate has been issued for this application' },
      { status: application.status },
    );
  }
  const zone = findZone(application.zone);
  const district = findDistrict(application.zone, application.district);
  if (!zone || !district) {
    throw new Error(`Application ${application.id} has an unknown zone or district`);
  }
  const pdf = await renderCertificatePdf({
    application,
    program: requireProgram(application.program),
    zoneName: { zh: zone.nameZh, en: zone.nameEn },
    districtName: { zh: district.nameZh, en: district.nameEn },
  });
  // Certificate numbers are [A-Z0-9-]; anything else would not belong in a header value.
  const filename = `${certificate.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
  return respondBinary(200, pdf, 'application/pdf', {
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'private, no-store',
  });
});
