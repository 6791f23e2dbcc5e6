/** The first stop for keyboard users: straight to Train (the link's fragment holds the experiment, so focus moves by hand). */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#train-button"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('train-button')?.focus();
      }}
    >
      Skip to Train
    </a>
  );
}
