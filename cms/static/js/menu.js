// The phone menu is a <details> and works without JavaScript. With it, Escape
// closes the open menu and puts the keyboard focus back on its toggle, as
// keyboard and screen-reader users expect of a menu.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") {
    return;
  }
  const menu = document.querySelector("details.site-menu[open]");
  if (!menu) {
    return;
  }
  menu.open = false;
  menu.querySelector("summary").focus();
});
