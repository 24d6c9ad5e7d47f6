// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZoneCapEditor } from '../../../../web/src/features/admin/components/ZoneCapEditor.tsx';
import { renderInConsole } from './render.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('ZoneCapEditor', () => {
  it('shows the stored cap and saves a new one with the version it read (no lost update)', async () => {
    const stored = {
      zone: 'wuhu',
      year: 2026,
      perEnterpriseAnnualCapCny: 500_000,
      updatedAt: '2026-01-05T00:00:00Z',
      updatedBy: 'demo-admin',
      version: 3,
    };
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'PUT'
        ? json({ cap: { ...stored, perEnterpriseAnnualCapCny: 600_000, version: 4 } })
        : json({ items: [], cursor: null, zoneCap: stored }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderInConsole(<ZoneCapEditor zone="wuhu" year={2026} />);

    const input = screen.getByLabelText('企业年度补贴总上限（全部政策合计，元）') as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('500000.00'));
    const save = screen.getByRole('button', { name: '保存上限' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    fireEvent.change(input, { target: { value: '600000' } });
    await waitFor(() => expect(save.disabled).toBe(false));
    fireEvent.click(save);
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(true));
    const [url, init] = fetchMock.mock.calls.find(([, call]) => call?.method === 'PUT') as [
      string,
      RequestInit,
    ];
    expect(url).toBe('/api/policy-caps/wuhu/2026');
    expect(JSON.parse(String(init.body))).toEqual({ perEnterpriseAnnualCapCny: 600_000, version: 3 });
  });
});
