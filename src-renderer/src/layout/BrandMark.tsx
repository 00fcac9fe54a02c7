/** The Bridgehead mark: a bridge span over water. Decorative; the name is text beside it. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1f5fa8" />
      <path
        d="M5 20h22M8 20v-4.5a8 8 0 0 1 16 0V20M12 20v-6M16 20v-7.5M20 20v-6"
        fill="none"
        stroke="#fff"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <path
        d="M6 24.5c2-1.2 3.3-1.2 5 0s3.3 1.2 5 0 3.3-1.2 5 0 3.3 1.2 5 0"
        fill="none"
        stroke="#9cc3ec"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
