import { useCallback, useEffect, useState } from 'react';

const API = import.meta.env.VITE_API_BASE ?? '/api';

interface DemoUser {
  username: string;
  name: string;
  role: string;
}
interface Task {
  taskId: string;
  title: string;
  stage: string;
  dueAt: string;
}
interface Application {
  id: string;
  title: string;
  status: string;
  stage?: string;
}

const recordExamples: Record<string, unknown> = {
  EXPERT_SCORING: { scores: { planning: 16, facilities: 20, enterprises: 24, management: 20 } },
  SITE_INSPECTION: {
    date: new Date().toISOString().slice(0, 10),
    inspectors: ['张核查', '李核查'],
    findings: '与申报一致',
    passed: true,
  },
  OBJECTION_REVIEW: { rulings: [{ objectionId: '…', outcome: 'DISMISS', reason: '…' }] },
};

const call = async <T,>(path: string, token: string, init: RequestInit = {}): Promise<T> => {
  const response = await fetch(`${API}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  return (await response.json()) as T;
};

/** A minimal console: sign in as a demo account, see the inbox or your applications, decide a task. */
export const App = () => {
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [token, setToken] = useState<string | null>(null);
  const [user, setUser] = useState<DemoUser | null>(null);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [applications, setApplications] = useState<Application[]>([]);

  useEffect(() => {
    fetch(`${API}/local/users`)
      .then((response) => response.json() as Promise<{ items: DemoUser[] }>)
      .then((body) => setUsers(body.items))
      .catch(() => setUsers([]));
  }, []);

  const refresh = useCallback(async () => {
    if (!token) return;
    const inbox = await call<{ items?: Task[] }>('/inbox', token);
    setTasks(inbox.items ?? []);
    const mine = await call<{ items?: Application[] }>('/applications', token);
    setApplications(mine.items ?? []);
  }, [token]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = async (username: string) => {
    const response = await fetch(`${API}/local/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo' }),
    });
    const body = (await response.json()) as { idToken: string; user: DemoUser };
    setToken(body.idToken);
    setUser(body.user);
  };

  const decide = async (task: Task, outcome: 'APPROVE' | 'RETURN' | 'REJECT' | 'SUBMIT') => {
    if (!token) return;
    const comment =
      outcome === 'APPROVE' || outcome === 'SUBMIT' ? undefined : (window.prompt('意见 / Comment') ?? '');
    const example = recordExamples[task.stage];
    // Stages that need a structured record ask for it as JSON until the console has proper forms.
    const record = example ? window.prompt('记录（JSON） / Record (JSON)', JSON.stringify(example)) : null;
    const body = { outcome, comment, ...(record ? { data: JSON.parse(record) as unknown } : {}) };
    const reply = await call<{ error?: { message: string } }>(`/tasks/${task.taskId}/decision`, token, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (reply.error) window.alert(reply.error.message);
    await refresh();
  };

  if (!token || !user) {
    return (
      <main style={{ fontFamily: 'sans-serif', maxWidth: 720, margin: '2rem auto' }}>
        <h1>跨境电商综试区业务协同平台</h1>
        <p>选择演示账号登录 / Sign in with a demo account</p>
        <ul>
          {users.map((demo) => (
            <li key={demo.username}>
              <button type="button" onClick={() => void signIn(demo.username)}>
                {demo.username}
              </button>{' '}
              {demo.role} · {demo.name}
            </li>
          ))}
        </ul>
      </main>
    );
  }

  return (
    <main style={{ fontFamily: 'sans-serif', maxWidth: 960, margin: '2rem auto' }}>
      <h1>
        {user.name} <small>({user.role})</small>
      </h1>
      <h2>待办 / Inbox</h2>
      <table>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.taskId}>
              <td>{task.title}</td>
              <td>{task.stage}</td>
              <td>{new Date(task.dueAt).toLocaleDateString('zh-CN')}</td>
              <td>
                {task.stage === 'EXPERT_SCORING' ? (
                  <button type="button" onClick={() => void decide(task, 'SUBMIT')}>
                    提交评分
                  </button>
                ) : (
                  <>
                    <button type="button" onClick={() => void decide(task, 'APPROVE')}>
                      通过
                    </button>
                    <button type="button" onClick={() => void decide(task, 'RETURN')}>
                      退回补正
                    </button>
                    <button type="button" onClick={() => void decide(task, 'REJECT')}>
                      驳回
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>本单位申请 / My applications</h2>
      <ul>
        {applications.map((application) => (
          <li key={application.id}>
            {application.title} — {application.status} {application.stage ?? ''}
          </li>
        ))}
      </ul>
    </main>
  );
};
