import { ColorPicker, ColorSwatch, Popover, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { STAGE_SWATCHES } from './queries.ts';

const HEX = /^#[0-9a-f]{6}$/i;
const NONE = '#adb5bd';

/** A stage's colour as a swatch button; a picker opens under it. Only finished picks are written (onChangeEnd). */
export function StageColor(props: {
  color: string | null;
  label: string;
  disabled: boolean;
  onPick: (color: string) => void;
}) {
  const [opened, { close, toggle }] = useDisclosure(false);
  return (
    <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-start" withArrow trapFocus>
      <Popover.Target>
        <UnstyledButton
          aria-label={props.label}
          aria-expanded={opened}
          disabled={props.disabled}
          onClick={toggle}
          style={{ display: 'flex', borderRadius: '50%' }}
        >
          <ColorSwatch color={props.color ?? NONE} size={26} />
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <ColorPicker
          format="hex"
          value={props.color ?? ''}
          swatches={STAGE_SWATCHES}
          swatchesPerRow={6}
          onChangeEnd={(value) => {
            if (HEX.test(value)) props.onPick(value.toLowerCase());
          }}
          onColorSwatchClick={() => close()}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
