import { Button, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { homeOf } from '../../../app/navigation.ts';
import { useAuth } from '../../../shared/auth.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { common } from '../../../shared/texts.ts';
import { completeHostedSignIn, loadHostedUiConfig, userFromIdToken } from '../hosted-ui.ts';

const texts = {
  signingIn: { zh: '正在完成登录…', en: 'Completing the sign-in…' },
  failed: { zh: '登录未完成', en: 'The sign-in did not complete' },
};

/** Where the Cognito hosted UI sends the browser back with a code: exchanged once, then home. */
const HostedCallbackPage = () => {
  const { t } = useLanguage();
  const { signInWithIdToken } = useAuth();
  const navigate = useNavigate();
  const [query] = useSearchParams();
  const [failure, setFailure] = useState<string>();
  // A code is good for one exchange; React's development double effect must not spend it twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    (async () => {
      const config = await loadHostedUiConfig();
      if (!config) throw new Error('This deployment has no hosted sign-in');
      const { idToken, returnTo } = await completeHostedSignIn(config, window.location.origin, query);
      const user = userFromIdToken(idToken);
      signInWithIdToken(idToken, user);
      navigate(returnTo && returnTo !== '/login' ? returnTo : homeOf(user.role), { replace: true });
    })().catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [query, navigate, signInWithIdToken]);

  if (failure) {
    return (
      <Result
        status="error"
        title={t(texts.failed)}
        subTitle={failure}
        extra={
          <Link to="/login">
            <Button type="primary">{t(common.signIn)}</Button>
          </Link>
        }
      />
    );
  }
  return <Result icon={<Spin size="large" />} title={t(texts.signingIn)} />;
};

export default HostedCallbackPage;
