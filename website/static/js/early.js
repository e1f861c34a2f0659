document.documentElement.classList.add("js", "speechSynthesis" in window && "SpeechSynthesisUtterance" in window ? "can-speak" : "cannot-speak");
