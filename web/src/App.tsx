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

  const decide = async (taskId: string, outcome: 'APPROVE' | 'RETURN' | 'REJECT') => {
    if (!token) return;
    const comment = outcome === 'APPROVE' ? undefined : (window.prompt('意见 / Comment') ?? '');
    await call(`/tasks/${taskId}/decision`, token, {
      method: 'POST',
      body: JSON.stringify({ outcome, comment }),
    });
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
                <button type="button" onClick={() => void decide(task.taskId, 'APPROVE')}>
                  通过
                </button>
                <button type="button" onClick={() => void decide(task.taskId, 'RETURN')}>
                  退回补正
                </button>
                <button type="button" onClick={() => void decide(task.taskId, 'REJECT')}>
                  驳回
                </button>
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
