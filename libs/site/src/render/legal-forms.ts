/** The forms of legal documents (the content kind's enum) as readers know them. */
export const LEGAL_FORM_LABELS: Record<string, { vi: string; en: string }> = {
  LUAT: { vi: 'Luật', en: 'Law' },
  NGHI_QUYET: { vi: 'Nghị quyết', en: 'Resolution' },
  NGHI_DINH: { vi: 'Nghị định', en: 'Decree' },
  QUYET_DINH: { vi: 'Quyết định', en: 'Decision' },
  THONG_TU: { vi: 'Thông tư', en: 'Circular' },
  CHI_THI: { vi: 'Chỉ thị', en: 'Directive' },
  CONG_VAN: { vi: 'Công văn', en: 'Official letter' },
  THONG_BAO: { vi: 'Thông báo', en: 'Notice' },
  KE_HOACH: { vi: 'Kế hoạch', en: 'Plan' },
  KHAC: { vi: 'Khác', en: 'Other' },
};
