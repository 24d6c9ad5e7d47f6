// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApplicationForm } from '../../../../web/src/features/applications/components/ApplicationForm.tsx';
import { renderInConsole } from './render.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const LANGUAGE_KEY = 'pilot-zone.language';

/** The validation messages antd shows under the fields. */
const errorMessages = () =>
  [...document.querySelectorAll('.ant-form-item-explain-error')].map((node) => node.textContent ?? '');

const brandForm = (onSubmit = vi.fn()) => {
  renderInConsole(
    <ApplicationForm program="BRAND" draftId="new" busy={false} error={undefined} onSubmit={onSubmit} />,
  );
  return onSubmit;
};

describe('ApplicationForm (drawn from the shared zod schema)', () => {
  it('labels every field in Chinese and refuses an empty form with messages under the fields, sending nothing', async () => {
    const onSubmit = brandForm();
    expect(screen.getByLabelText('商标 / 名称')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    // zod's own messages in the user's language, tied to the field that failed.
    await waitFor(() =>
      expect(document.querySelectorAll('.ant-form-item-explain-error').length).toBeGreaterThan(0),
    );
    const messages = [...document.querySelectorAll('.ant-form-item-explain-error')].map(
      (node) => node.textContent ?? '',
    );
    expect(messages.every((message) => /[\u4e00-\u9fff]/.test(message))).toBe(true);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('speaks English when the user chose English, labels and messages alike', async () => {
    localStorage.setItem(LANGUAGE_KEY, 'en');
    const onSubmit = brandForm();
    expect(screen.getByLabelText('Mark or title')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(errorMessages().length).toBeGreaterThan(0));
    expect(errorMessages().some((message) => /[\u4e00-\u9fff]/.test(message))).toBe(false);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('keeps what was typed as a draft in the browser and offers it again', async () => {
    brandForm();
    fireEvent.change(screen.getByLabelText('商标 / 名称'), { target: { value: '江城优品' } });
    await waitFor(() =>
      expect(localStorage.getItem('pilot-zone.draft.BRAND.new') ?? '').toContain('江城优品'),
    );
    cleanup();
    brandForm();
    expect((screen.getByLabelText('商标 / 名称') as HTMLInputElement).value).toBe('江城优品');
  });
});
