import { describe, expect, it } from 'vitest';
import { defaultConfigs } from '../../../shared/config/department.js';
import { defaultServicePage } from '../../../shared/config/servicePage.js';
import type { Config } from '../../../shared/contract/api.js';
import { searchCatalogs } from '../../../renderer/src/features/request/catalogSearch.js';

/** The catalogs and service pages a new share starts with. */
const config: Config = {
  departments: Object.entries(defaultConfigs('Europe/Berlin')).map(([name, c]) => ({
    name,
    config: c,
    confidentialTypes: [],
    service: defaultServicePage(name),
    templates: [],
  })),
};

describe('one catalog for the company', () => {
  it('finds the department and type from a word: “laptop” is IT › Hardware, by what its page says it is for', () => {
    expect(searchCatalogs(config, 'laptop', 'Sales')[0]).toEqual({
      department: 'IT',
      typeId: 'hardware',
      typeName: 'Hardware',
      because: 'A device for someone: laptop, monitor, headset, phone.',
    });
    expect(searchCatalogs(config, 'quantity', 'Sales')[0]).toMatchObject({ department: 'IT', typeId: 'hardware', because: 'Quantity' });
  });

  it('ranks a match in the type’s name first, needs every word, and leaves the asker’s own department out', () => {
    const order = searchCatalogs(config, 'order', 'Sales');
    expect(order[0]).toMatchObject({ department: 'Engineering', typeId: 'order-clarification' });
    expect(searchCatalogs(config, 'order voltage', 'Sales')).toEqual([]);
    expect(searchCatalogs(config, 'laptop', 'IT').some((h) => h.department === 'IT')).toBe(false);
    expect(searchCatalogs(config, '  ', 'Sales')).toEqual([]);
  });
});
